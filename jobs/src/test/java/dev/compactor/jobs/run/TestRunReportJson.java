package dev.compactor.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.compactor.manifest.ManifestCodec;
import org.junit.jupiter.api.Test;

/**
 * Run reports are read back by {@code status} and by people's scripts: typed outcomes and statuses
 * are written as the same words as before and read back as the same values.
 */
class TestRunReportJson {

  @Test
  void statusAndOutcomesAreWrittenAsTheirLabelsAndReadBack() throws Exception {
    RunReport report = TestEmfMetrics.report();
    byte[] json = ManifestCodec.write(report);

    JsonNode tree = ManifestCodec.mapper().readTree(json);
    assertThat(tree.get("status").asText()).isEqualTo("failed");
    assertThat(tree.at("/partitions/0/outcome").asText()).isEqualTo("rebuilt");
    assertThat(tree.at("/partitions/1/outcome").asText()).isEqualTo("failed");
    assertThat(tree.has("rebuilt")).as("derived counts are not stored").isFalse();

    RunReport back = ManifestCodec.mapper().readValue(json, RunReport.class);
    assertThat(back).isEqualTo(report);
    assertThat(back.rebuilt()).isEqualTo(1);
  }

  @Test
  void everyLabelReadsBackAsItsValue() throws Exception {
    for (RunStatus status : RunStatus.values()) {
      String json = ManifestCodec.mapper().writeValueAsString(status);
      assertThat(ManifestCodec.mapper().readValue(json, RunStatus.class)).isEqualTo(status);
    }
    for (PartitionOutcome outcome : PartitionOutcome.values()) {
      String json = ManifestCodec.mapper().writeValueAsString(outcome);
      assertThat(json).isEqualTo("\"" + outcome + "\"");
      assertThat(ManifestCodec.mapper().readValue(json, PartitionOutcome.class)).isEqualTo(outcome);
    }
  }
}
