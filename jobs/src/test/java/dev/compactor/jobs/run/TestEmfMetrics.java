package dev.compactor.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.compactor.config.MetricsSettings;
import dev.compactor.domain.Quarantined;
import dev.compactor.jobs.rewrite.RewriteStats;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class TestEmfMetrics {

  private static final Instant NOW = Instant.parse("2026-11-23T17:05:00Z");

  @Test
  void reportBecomesOneValidEmfLine() throws Exception {
    String line =
        EmfMetrics.line(
            report(), new MetricsSettings("Acme/Compactor", Map.of("Environment", "prod")), NOW);

    JsonNode root = EmfValidator.validate(line);

    assertThat(root.at("/_aws/Timestamp").asLong()).isEqualTo(NOW.toEpochMilli());
    assertThat(root.at("/_aws/CloudWatchMetrics/0/Namespace").asText()).isEqualTo("Acme/Compactor");
    assertThat(root.at("/_aws/CloudWatchMetrics/0/Dimensions/0").toString())
        .isEqualTo("[\"EventType\",\"Environment\"]");
    assertThat(root.get("EventType").asText()).isEqualTo("clicks");
    assertThat(root.get("Environment").asText()).isEqualTo("prod");
    assertThat(root.get("PartitionsScanned").asLong()).isEqualTo(192);
    assertThat(root.get("PartitionsChanged").asLong()).isEqualTo(2);
    assertThat(root.get("PartitionsRebuilt").asLong()).isEqualTo(1);
    assertThat(root.get("PartitionsFailed").asLong()).isEqualTo(1);
    assertThat(root.get("RecordsIn").asLong()).isEqualTo(1200);
    assertThat(root.get("RecordsOut").asLong()).isEqualTo(1000);
    assertThat(root.get("DuplicatesDropped").asLong()).isEqualTo(200);
    assertThat(root.get("BytesRead").asLong()).isEqualTo(5000);
    assertThat(root.get("BytesWritten").asLong()).isEqualTo(4000);
    assertThat(root.get("FilesQuarantined").asLong()).isEqualTo(1);
    assertThat(root.get("DurationSeconds").asDouble()).isEqualTo(12.5);
    assertThat(root.get("OldestPendingChangeLagSeconds").asLong()).isEqualTo(3600);
    assertThat(root.get("RecordsOutsideHour").asLong()).isEqualTo(3);
  }

  @Test
  void withoutExtraDimensionsOnlyTheEventType() throws Exception {
    JsonNode root =
        EmfValidator.validate(
            EmfMetrics.line(report(), new MetricsSettings("Compactor", Map.of()), NOW));

    assertThat(root.at("/_aws/CloudWatchMetrics/0/Dimensions").toString())
        .isEqualTo("[[\"EventType\"]]");
  }

  static RunReport report() {
    return new RunReport(
        "run-1",
        "clicks",
        "run",
        "0.1.0 (3f2a9c1)",
        "2026-11-23T06..2026-11-23T17",
        NOW.toString(),
        NOW.toString(),
        RunStatus.FAILED,
        1,
        12_500,
        3600,
        Map.of("changed", 2L, "unchanged", 190L),
        new RunReport.ScanSummary(12, 14, 12, 0, 0),
        new RewriteStats(10, 5000, 1200, 1000, 200, 4000, 1, 3, 9000, 0),
        List.of(
            new RunReport.PartitionLine(
                "p1", "changed", "+1 file(s)", PartitionOutcome.REBUILT, 1200, 1000, null),
            new RunReport.PartitionLine(
                "p2", "changed", "+1 file(s)", PartitionOutcome.FAILED, 0, 0, "boom")),
        List.of(new Quarantined("raw/bad.avro", "abc", "zero-byte file")),
        List.of("raw/clicks/dt=2026-11-23/hr=17/x.avro"),
        List.of("p2: boom"));
  }
}
