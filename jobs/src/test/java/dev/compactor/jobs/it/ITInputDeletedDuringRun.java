package dev.compactor.jobs.it;

import static dev.compactor.jobs.it.OutputAssertions.assertOutputsMatch;
import static org.assertj.core.api.Assertions.assertThat;

import dev.compactor.domain.PartitionId;
import dev.compactor.jobs.it.CompactorHarness.Backend;
import dev.compactor.jobs.run.ExitCode;
import dev.compactor.jobs.run.RunOutcome;
import dev.compactor.layout.Layout;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A file deleted between listing and reading fails only its partition, which the next run rebuilds.
 */
class ITInputDeletedDuringRun {

  @TempDir Path dir;

  @Test
  void thePartitionIsNotCommittedAndTheNextRunRebuildsItWithNothingLost() throws Exception {
    try (CompactorHarness h = CompactorHarness.create(Backend.S3, dir)) {
      Schema reader =
          new Schema.Parser()
              .parse(Files.readString(Path.of("..", "conf", "schemas", "clicks.avsc")));
      h.generate(10, 51);
      PartitionId partition = new PartitionId(CompactorHarness.LAST_HOUR, 2);
      String victim = h.inputFiles(partition).get(0).key();
      DeleteAfterList racing = new DeleteAfterList(h.storage().input().store(), victim);

      RunOutcome first = h.runListingThrough(racing);

      assertThat(racing.deleted()).isTrue();
      assertThat(first.exitCode()).isEqualTo(ExitCode.FAILED);
      assertThat(first.report().errors())
          .singleElement()
          .asString()
          .contains(victim, "was deleted after it was listed", "next run");
      assertThat(first.report().quarantined()).as("a vanished file is not bad input").isEmpty();
      assertThat(h.outputObjects())
          .as("the failed partition is not committed")
          .doesNotContainKey(h.outputKey(Layout.AVRO, partition))
          .containsKey(h.outputKey(Layout.AVRO, new PartitionId(CompactorHarness.LAST_HOUR, 1)));

      RunOutcome second = h.run();

      assertThat(second.exitCode()).isEqualTo(ExitCode.DONE);
      assertOutputsMatch(h, ExpectedOutput.of(h, reader, false));
    }
  }
}
