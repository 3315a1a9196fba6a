package dev.compactor.layout;

import dev.compactor.domain.Hour;
import dev.compactor.domain.PartitionId;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Output and state keys (relative to their roots), fixed by the design's layout contract:
 *
 * <pre>
 * avro    avro/&lt;type&gt;/dt=YYYY-MM-DD/hr=HH/part-NN.avro
 * parquet parquet/&lt;type&gt;/dt=YYYY-MM-DD/hr=HH/part-NN.parquet
 * state   &lt;type&gt;/dt=YYYY-MM-DD/hr=HH.json
 * runs    _runs/&lt;type&gt;/&lt;run-id&gt;.json
 * lock    _locks/&lt;type&gt;
 * </pre>
 *
 * Names are deterministic, so the same partition always lands on the same keys.
 */
public record OutputLayout(String eventType, int bucketDigits) {

  public static final String AVRO = "avro";
  public static final String PARQUET = "parquet";

  public String dataKey(String format, PartitionId partition) {
    String ext = format.equals(AVRO) ? ".avro" : ".parquet";
    return hourFolder(format, partition.hour())
        + "/part-"
        + String.format("%0" + bucketDigits + "d", partition.bucket())
        + ext;
  }

  /**
   * The partition whose Avro or Parquet output {@code relativeKey} names, whatever its bucket's zero
   * padding; empty for any other key.
   */
  public Optional<PartitionId> partitionOf(String relativeKey) {
    Matcher m = DATA_KEY.matcher(relativeKey);
    if (!m.matches() || !m.group(2).equals(eventType) || !m.group(1).equals(m.group(6))) {
      return Optional.empty();
    }
    try {
      Hour hour = Hour.of(LocalDate.parse(m.group(3)), Integer.parseInt(m.group(4)));
      return Optional.of(new PartitionId(hour, Integer.parseInt(m.group(5))));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  private static final Pattern DATA_KEY =
      Pattern.compile("(avro|parquet)/([^/]+)/dt=(\\d{4}-\\d{2}-\\d{2})/hr=(\\d{2})/part-(\\d{1,6})\\.(avro|parquet)");

  public String hourFolder(String format, Hour hour) {
    return dayFolder(format, hour.date()) + "/hr=" + String.format("%02d", hour.hourOfDay());
  }

  public String dayFolder(String format, LocalDate date) {
    return format + "/" + eventType + "/dt=" + date;
  }

  public String manifestKey(Hour hour) {
    return manifestDayFolder(hour.date()) + "/hr=" + String.format("%02d", hour.hourOfDay()) + ".json";
  }

  /** The state folder holding one day's hour manifests. */
  public String manifestDayFolder(LocalDate date) {
    return eventType + "/dt=" + date;
  }

  public String runReportKey(String runId) {
    return "_runs/" + eventType + "/" + runId + ".json";
  }

  public String lockKey() {
    return "_locks/" + eventType;
  }
}
