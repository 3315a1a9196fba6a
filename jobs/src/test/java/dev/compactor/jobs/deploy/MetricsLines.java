package dev.compactor.jobs.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.compactor.config.MetricsSettings;
import dev.compactor.domain.Quarantined;
import dev.compactor.jobs.rewrite.RewriteStats;
import dev.compactor.jobs.run.EmfMetrics;
import dev.compactor.jobs.run.ExitCode;
import dev.compactor.jobs.run.PartitionOutcome;
import dev.compactor.jobs.run.RunReport;
import dev.compactor.jobs.run.RunStatus;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;

/**
 * Metrics lines of event type clicks as {@link EmfMetrics} prints them: from a run's report, and
 * from a run that stopped before it had one (locked), read back as the metrics and dimensions
 * CloudWatch makes of them.
 */
final class MetricsLines {

  private MetricsLines() {}

  /** The line of a run with {@code failed} partitions and {@code quarantined} files. */
  static JsonNode ofRun(MetricsSettings settings, int failed, int quarantined) {
    return DeployFiles.parse(EmfMetrics.line(report(failed, quarantined), settings, Instant.now()));
  }

  /** The line of a run that found the lock held (exit 3). */
  static JsonNode locked(MetricsSettings settings) {
    return DeployFiles.parse(
        EmfMetrics.exitLine(
            "clicks", RunStatus.LOCKED, ExitCode.LOCKED, Map.of(), settings, Instant.now()));
  }

  static String namespace(JsonNode line) {
    return directive(line).path("Namespace").asText();
  }

  static Set<String> metrics(JsonNode line) {
    return Set.copyOf(
        StreamSupport.stream(directive(line).path("Metrics").spliterator(), false)
            .map(m -> m.path("Name").asText())
            .toList());
  }

  /** The line's one dimension set, with the values the line gives them. */
  static Map<String, String> dimensions(JsonNode line) {
    JsonNode sets = directive(line).path("Dimensions");
    assertThat(sets).hasSize(1);
    Map<String, String> dimensions = new HashMap<>();
    sets.get(0).forEach(n -> dimensions.put(n.asText(), line.path(n.asText()).asText()));
    return dimensions;
  }

  private static JsonNode directive(JsonNode line) {
    JsonNode directives = line.at("/_aws/CloudWatchMetrics");
    assertThat(directives).hasSize(1);
    return directives.get(0);
  }

  private static RunReport report(int failed, int quarantined) {
    List<RunReport.PartitionLine> partitions = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    for (int i = 0; i < failed; i++) {
      String partition = "dt=2026-11-23 hr=17 bucket=" + i;
      partitions.add(
          new RunReport.PartitionLine(
              partition, "changed", "+1 file(s)", PartitionOutcome.FAILED, 0, 0, "boom"));
      errors.add(partition + ": boom");
    }
    List<Quarantined> bad = new ArrayList<>();
    for (int i = 0; i < quarantined; i++) {
      bad.add(new Quarantined("raw/clicks/bad-" + i + ".avro", "abc", "zero-byte file"));
    }
    ExitCode exit = ExitCode.ofRun(failed, quarantined);
    RunStatus status =
        switch (exit) {
          case FAILED -> RunStatus.FAILED;
          case PARTIAL -> RunStatus.PARTIAL;
          default -> RunStatus.SUCCEEDED;
        };
    String now = Instant.now().toString();
    return new RunReport(
        "run-1",
        "clicks",
        "run",
        "0.1.0 (3f2a9c1)",
        "2026-11-23T06..2026-11-23T17",
        now,
        now,
        status,
        exit.code(),
        1000,
        0,
        Map.of("changed", (long) failed, "unchanged", 100L),
        new RunReport.ScanSummary(12, 14, 12, 0, 0),
        RewriteStats.ZERO,
        partitions,
        bad,
        List.of(),
        errors);
  }
}
