package dev.compactor.jobs.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.compactor.config.MetricsSettings;
import dev.compactor.jobs.BuildInfo;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One CloudWatch Embedded Metric Format line per run, printed on stdout. CloudWatch Logs turns it
 * into metrics wherever stdout is shipped there: AWS Batch (awslogs driver), EMR Serverless
 * (CloudWatch logging), and EMR on EC2 from release 7.11 on a cluster created with CloudWatch
 * logging. The alarms in {@code submit/alarms/} watch these metrics.
 */
public final class EmfMetrics {

  private static final ObjectMapper JSON = new ObjectMapper();

  private EmfMetrics() {}

  /**
   * The EMF line of a run that ended before it had a report (locked, refused, failed, bad usage):
   * {@code Status}, {@code ExitCode} and the counts it knew, zero for the rest, so an alarm on
   * {@code ExitCode} or {@code PartitionsFailed} fires on every kind of failure.
   *
   * @param known counts known when it stopped, by metric name (e.g. PartitionsChanged of a refused
   *     plan)
   */
  public static String exitLine(
      String eventType,
      RunStatus status,
      ExitCode exit,
      Map<String, Number> known,
      MetricsSettings settings,
      Instant timestamp) {
    Map<String, Number> counts = new LinkedHashMap<>();
    for (String name : COUNTS) {
      counts.put(name, known.getOrDefault(name, 0));
    }
    Map<String, Number> bytes = new LinkedHashMap<>();
    bytes.put("BytesRead", known.getOrDefault("BytesRead", 0));
    bytes.put("BytesWritten", 0);
    Map<String, Number> seconds =
        Map.of("DurationSeconds", known.getOrDefault("DurationSeconds", 0));
    return render(
        eventType, status, exit.code(), null, settings, timestamp, counts, bytes, seconds);
  }

  /** Count metrics, in the order every line lists them. */
  private static final List<String> COUNTS =
      List.of(
          "PartitionsScanned",
          "PartitionsChanged",
          "PartitionsRebuilt",
          "PartitionsFailed",
          "FilesRead",
          "RecordsIn",
          "RecordsOut",
          "DuplicatesDropped",
          "FilesQuarantined",
          "FilesUnexpected",
          "RecordsOutsideHour");

  /** The EMF JSON line (no newline) for {@code report}. */
  public static String line(RunReport report, MetricsSettings settings, Instant timestamp) {
    Map<String, Number> counts = new LinkedHashMap<>();
    counts.put(
        "PartitionsScanned", report.reasons().values().stream().mapToLong(Long::longValue).sum());
    counts.put("PartitionsChanged", report.partitions().size());
    counts.put("PartitionsRebuilt", report.rebuilt());
    counts.put("PartitionsFailed", report.errors().size());
    counts.put("FilesRead", report.totals().filesRead());
    counts.put("RecordsIn", report.totals().recordsIn());
    counts.put("RecordsOut", report.totals().recordsOut());
    counts.put("DuplicatesDropped", report.totals().duplicatesDropped());
    counts.put("FilesQuarantined", report.quarantined().size());
    counts.put("FilesUnexpected", report.unexpected().size());
    counts.put("RecordsOutsideHour", report.totals().recordsOutsideHour());
    Map<String, Number> bytes =
        Map.of(
            "BytesRead",
            report.totals().bytesRead(),
            "BytesWritten",
            report.totals().bytesWritten());
    Map<String, Number> seconds =
        Map.of(
            "DurationSeconds",
            report.durationMillis() / 1000.0,
            "OldestPendingChangeLagSeconds",
            report.pendingLagSeconds());
    return render(
        report.eventType(),
        report.status(),
        report.exitCode(),
        report.runId(),
        settings,
        timestamp,
        counts,
        bytes,
        seconds);
  }

  private static String render(
      String eventType,
      RunStatus status,
      int exitCode,
      String runId,
      MetricsSettings settings,
      Instant timestamp,
      Map<String, Number> counts,
      Map<String, Number> bytes,
      Map<String, Number> seconds) {
    ObjectNode root = JSON.createObjectNode();
    ObjectNode directive = JSON.createObjectNode().put("Namespace", settings.namespace());
    ArrayNode dimensionSet = directive.putArray("Dimensions").addArray().add("EventType");
    settings.dimensions().keySet().forEach(dimensionSet::add);
    ArrayNode metrics = directive.putArray("Metrics");
    root.putObject("_aws")
        .put("Timestamp", timestamp.toEpochMilli())
        .putArray("CloudWatchMetrics")
        .add(directive);
    root.put("EventType", eventType);
    settings.dimensions().forEach(root::put);
    add(root, metrics, counts, "Count");
    add(root, metrics, bytes, "Bytes");
    add(root, metrics, seconds, "Seconds");
    // The exit code as a metric too: one alarm on its maximum catches failed, locked and partial
    // runs.
    add(root, metrics, Map.of("ExitCode", exitCode), "None");
    if (runId != null) {
      root.put("RunId", runId);
    }
    root.put("Status", status.toString());
    // Which build wrote the outputs: searchable in Logs Insights next to the run's metrics.
    root.put("CompactorVersion", BuildInfo.current().label());
    return root.toString();
  }

  private static void add(
      ObjectNode root, ArrayNode metrics, Map<String, Number> values, String unit) {
    values.forEach(
        (name, value) -> {
          metrics.addObject().put("Name", name).put("Unit", unit);
          root.putPOJO(name, value);
        });
  }
}
