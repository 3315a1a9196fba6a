package dev.compactor.jobs.run;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.compactor.config.MetricsSettings;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * One CloudWatch Embedded Metric Format line per run. AWS Batch and EMR ship stdout to CloudWatch
 * Logs, which turns this line into metrics with no agent code.
 */
public final class EmfMetrics {

  private static final ObjectMapper JSON = new ObjectMapper();

  private EmfMetrics() {}

  /** The EMF JSON line (no newline) for {@code report}. */
  public static String line(RunReport report, MetricsSettings settings, Instant timestamp) {
    Map<String, Number> counts = new LinkedHashMap<>();
    counts.put("PartitionsScanned", report.reasons().values().stream().mapToLong(Long::longValue).sum());
    counts.put("PartitionsChanged", report.partitions().size());
    counts.put("PartitionsRebuilt", report.partitions().stream().filter(p -> p.outcome().equals("rebuilt")).count());
    counts.put("PartitionsFailed", report.errors().size());
    counts.put("FilesRead", report.totals().filesRead());
    counts.put("RecordsIn", report.totals().recordsIn());
    counts.put("RecordsOut", report.totals().recordsOut());
    counts.put("DuplicatesDropped", report.totals().duplicatesDropped());
    counts.put("FilesQuarantined", report.quarantined().size());
    counts.put("FilesUnexpected", report.unexpected().size());
    counts.put("RecordsOutsideHour", report.totals().recordsOutsideHour());
    Map<String, Number> bytes = Map.of("BytesRead", report.totals().bytesRead(), "BytesWritten", report.totals().bytesWritten());
    Map<String, Number> seconds =
        Map.of("DurationSeconds", report.durationMillis() / 1000.0, "OldestPendingChangeLagSeconds", report.pendingLagSeconds());

    ObjectNode root = JSON.createObjectNode();
    ObjectNode directive = JSON.createObjectNode().put("Namespace", settings.namespace());
    ArrayNode dimensionSet = directive.putArray("Dimensions").addArray().add("EventType");
    settings.dimensions().keySet().forEach(dimensionSet::add);
    ArrayNode metrics = directive.putArray("Metrics");
    root.putObject("_aws").put("Timestamp", timestamp.toEpochMilli()).putArray("CloudWatchMetrics").add(directive);
    root.put("EventType", report.eventType());
    settings.dimensions().forEach(root::put);
    add(root, metrics, counts, "Count");
    add(root, metrics, bytes, "Bytes");
    add(root, metrics, seconds, "Seconds");
    root.put("RunId", report.runId());
    root.put("Status", report.status());
    return root.toString();
  }

  private static void add(ObjectNode root, ArrayNode metrics, Map<String, Number> values, String unit) {
    values.forEach(
        (name, value) -> {
          metrics.addObject().put("Name", name).put("Unit", unit);
          root.putPOJO(name, value);
        });
  }
}
