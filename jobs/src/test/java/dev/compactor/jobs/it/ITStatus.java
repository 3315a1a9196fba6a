package dev.compactor.jobs.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compactor.domain.Hour;
import dev.compactor.domain.PartitionId;
import dev.compactor.domain.Reason;
import dev.compactor.domain.Window;
import dev.compactor.jobs.backfill.BackfillRequest;
import dev.compactor.jobs.it.CompactorHarness.Backend;
import dev.compactor.jobs.status.StatusJob;
import dev.compactor.jobs.status.StatusPrinter;
import dev.compactor.jobs.status.StatusReport;
import dev.compactor.plan.PartitionWork;
import dev.compactor.store.ObjectInfo;
import dev.compactor.store.ObjectStore;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * status shows the window's state, the last run, and late data that arrived after the window moved
 * on.
 */
class ITStatus {

  private static final Hour LAST = CompactorHarness.LAST_HOUR;

  @TempDir Path dir;

  @Test
  void reportsLateDataOutsideTheWindowWithTheBackfillThatFixesIt() {
    try (CompactorHarness h = CompactorHarness.create(Backend.S3, dir)) {
      Window sixteenHours = Window.ending(LAST, 16);
      h.generate(sixteenHours, 40, 41);
      h.backfill(BackfillRequest.of("clicks", sixteenHours).build());

      StatusReport clean = status(h);
      assertThat(clean.hours())
          .hasSize(12)
          .allMatch(s -> s.state() == StatusReport.State.COMPACTED);
      assertThat(clean.late()).isEmpty();
      assertThat(clean.lastRun())
          .hasValueSatisfying(r -> assertThat(r.command()).isEqualTo("backfill"));

      PartitionId settled = new PartitionId(LAST.minusHours(14), 2);
      PartitionId inWindow = new PartitionId(LAST.minusHours(1), 1);
      addLateCopy(h, settled);
      addLateCopy(h, inWindow);

      StatusReport status = status(h);

      assertThat(status.late()).extracting(PartitionWork::partition).containsExactly(settled);
      assertThat(status.late()).extracting(PartitionWork::reason).containsExactly(Reason.CHANGED);
      assertThat(status.hours())
          .filteredOn(s -> s.state() == StatusReport.State.PENDING)
          .extracting(StatusReport.HourState::hour)
          .containsExactly(inWindow.hour());
      String printed =
          StatusPrinter.render(status, "compactor backfill --config c --event-type clicks");
      assertThat(printed)
          .contains("LATE DATA outside the window")
          .contains("dt=2026-11-23 hr=03 bucket=2")
          .contains(
              "fix: compactor backfill --config c --event-type clicks --from 2026-11-23T03 --to"
                  + " 2026-11-23T03");

      h.backfill(BackfillRequest.of("clicks", new Window(settled.hour(), settled.hour())).build());
      assertThat(status(h).late()).as("picked up by the suggested backfill").isEmpty();
    }
  }

  private static StatusReport status(CompactorHarness h) {
    return new StatusJob(h.config(), h.storage()).status("clicks", LAST, 7 * 24);
  }

  private static void addLateCopy(CompactorHarness h, PartitionId partition) {
    ObjectStore inputs = h.storage().input().store();
    ObjectInfo file = h.inputFiles(partition).get(0);
    inputs.put(file.key().replace(".avro", "-late.avro"), inputs.readAll(file.key()));
  }
}
