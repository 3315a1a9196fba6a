package dev.compactor.layout;

import dev.compactor.domain.Hour;
import dev.compactor.domain.PartitionId;
import dev.compactor.domain.Window;
import java.io.Serializable;
import java.time.LocalDate;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Every key the job writes for one event type, relative to its root, fixed by the design's layout
 * contract. No other class builds an output or state key.
 *
 * <pre>
 * output  avro/&lt;type&gt;/dt=YYYY-MM-DD/hr=HH/part-NN.avro
 * output  parquet/&lt;type&gt;/dt=YYYY-MM-DD/hr=HH/part-NN.parquet
 * output  iceberg/&lt;type&gt;/data/dt=YYYY-MM-DD/hr=HH/bucket=NN/part-NN-&lt;fp16&gt;.parquet  (table-format iceberg)
 * state   &lt;type&gt;/dt=YYYY-MM-DD/hr=HH.json            hour manifest
 * state   _runs/&lt;type&gt;/&lt;run-id&gt;.json               run report
 * state   _locks/&lt;type&gt;                              lease lock
 * state   _backfills/&lt;type&gt;/&lt;first&gt;--&lt;last&gt;[--force].json  backfill progress
 * </pre>
 *
 * Names are deterministic, so the same partition always lands on the same keys.
 *
 * @param eventType the event type
 * @param bucketDigits zero padding of the bucket number in data names
 */
public record Layout(String eventType, int bucketDigits) implements Serializable {

  /** The merged Avro output, the data of record. */
  public static final String AVRO = "avro";

  /** The Parquet copy for Athena and notebooks. */
  public static final String PARQUET = "parquet";

  /** Hex digits of the build fingerprint in an Iceberg data file's name. */
  private static final int FINGERPRINT_DIGITS = 16;

  private static final Pattern TABLE_DATA_KEY =
      Pattern.compile(
          "iceberg/([^/]+)/data/dt=(\\d{4}-\\d{2}-\\d{2})/hr=(\\d{2})/bucket=(\\d{1,6})"
              + "/part-(\\d{1,6})-[0-9a-f]{"
              + FINGERPRINT_DIGITS
              + "}\\.parquet");

  private static final Pattern DATA_KEY =
      Pattern.compile(
          "(avro|parquet)/([^/]+)/dt=(\\d{4}-\\d{2}-\\d{2})/hr=(\\d{2})/part-(\\d{1,6})\\.(avro|parquet)");

  /** The output of {@code partition} in {@code format} ({@link #AVRO} or {@link #PARQUET}). */
  public String dataKey(String format, PartitionId partition) {
    String ext = format.equals(AVRO) ? ".avro" : ".parquet";
    return hourFolder(format, partition.hour())
        + "/part-"
        + String.format("%0" + bucketDigits + "d", partition.bucket())
        + ext;
  }

  /**
   * The partition whose Avro or Parquet output {@code relativeKey} names, whatever its bucket's
   * zero padding; empty for any other key.
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

  /** The folder of every output of this event type in {@code format}. */
  public String dataFolder(String format) {
    return format + "/" + eventType;
  }

  public String hourFolder(String format, Hour hour) {
    return dayFolder(format, hour.date()) + "/hr=" + twoDigits(hour.hourOfDay());
  }

  public String dayFolder(String format, LocalDate date) {
    return dataFolder(format) + "/dt=" + date;
  }

  /** The folder of this event type's Iceberg table; its metadata and data live under it. */
  public String tableFolder() {
    return "iceberg/" + eventType;
  }

  /** The folder of every data file of the table, every day, hour and bucket. */
  public String tableDataFolder() {
    return tableFolder() + "/data";
  }

  /** The table's data files of one day, every hour and bucket. */
  public String tableDayFolder(LocalDate date) {
    return tableDataFolder() + "/dt=" + date;
  }

  /**
   * The partition of the table data file {@code relativeKey} names, when it is one as {@link
   * #tableDataKey} builds them (any zero padding of the bucket); empty for any other key, which
   * retention therefore never deletes.
   */
  public Optional<PartitionId> tablePartitionOf(String relativeKey) {
    Matcher m = TABLE_DATA_KEY.matcher(relativeKey);
    if (!m.matches() || !m.group(1).equals(eventType)) {
      return Optional.empty();
    }
    try {
      int bucket = Integer.parseInt(m.group(4));
      if (bucket != Integer.parseInt(m.group(5))) {
        return Optional.empty();
      }
      Hour hour = Hour.of(LocalDate.parse(m.group(2)), Integer.parseInt(m.group(3)));
      return Optional.of(new PartitionId(hour, bucket));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Whether a key relative to the output root is under the Iceberg table's folder. */
  public boolean isTableKey(String relativeKey) {
    return relativeKey.startsWith(tableFolder() + "/");
  }

  /**
   * A data file of the Iceberg table. Named by the partition's build fingerprint (inputs and
   * settings): a rebuild from other inputs gets a new name and never overwrites a file an older
   * snapshot references, and a rerun of the same build writes the same name and the same bytes.
   */
  public String tableDataKey(PartitionId partition, String fingerprint) {
    if (fingerprint.length() < FINGERPRINT_DIGITS || !fingerprint.matches("[0-9a-f]+")) {
      throw new IllegalArgumentException("not a build fingerprint: '" + fingerprint + "'");
    }
    String bucket = String.format("%0" + bucketDigits + "d", partition.bucket());
    Hour hour = partition.hour();
    return tableDayFolder(hour.date())
        + "/hr="
        + twoDigits(hour.hourOfDay())
        + "/bucket="
        + bucket
        + "/part-"
        + bucket
        + "-"
        + fingerprint.substring(0, FINGERPRINT_DIGITS)
        + ".parquet";
  }

  public String manifestKey(Hour hour) {
    return manifestDayFolder(hour.date()) + "/hr=" + twoDigits(hour.hourOfDay()) + ".json";
  }

  /** The state folder holding one day's hour manifests. */
  public String manifestDayFolder(LocalDate date) {
    return manifestFolder() + "/dt=" + date;
  }

  /** The state folder holding every hour manifest of this event type. */
  public String manifestFolder() {
    return eventType;
  }

  public String runReportKey(String runId) {
    return runReportFolder() + "/" + runId + ".json";
  }

  /** The state folder of this event type's run reports. */
  public String runReportFolder() {
    return "_runs/" + eventType;
  }

  public String lockKey() {
    return "_locks/" + eventType;
  }

  /** The progress record of a backfill of {@code range}; a forced one keeps its own. */
  public String backfillProgressKey(Window range, boolean force) {
    return "_backfills/"
        + eventType
        + "/"
        + range.first()
        + "--"
        + range.last()
        + (force ? "--force" : "")
        + ".json";
  }

  private static String twoDigits(int value) {
    return String.format("%02d", value);
  }
}
