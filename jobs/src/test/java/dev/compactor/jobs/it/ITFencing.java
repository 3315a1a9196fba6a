package dev.compactor.jobs.it;

import static dev.compactor.jobs.it.OutputAssertions.assertOutputsMatch;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.compactor.domain.Hour;
import dev.compactor.domain.PartitionId;
import dev.compactor.jobs.it.CompactorHarness.Backend;
import dev.compactor.jobs.run.ExitCode;
import dev.compactor.jobs.run.HourCommitter;
import dev.compactor.jobs.run.ManifestConflictException;
import dev.compactor.jobs.run.RunOutcome;
import dev.compactor.lock.LeaseLock;
import dev.compactor.lock.LockRecord;
import dev.compactor.plan.Fingerprints;
import dev.compactor.plan.Plan;
import dev.compactor.plan.PlanRules;
import dev.compactor.plan.WindowPlanner;
import dev.compactor.scan.WindowScan;
import dev.compactor.scan.WindowScanner;
import dev.compactor.store.ObjectInfo;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A run that cannot prove it still holds its lease publishes and commits nothing more. The stalled
 * run is a real CLI process paused with SIGSTOP while another run takes its lease over and commits,
 * then resumed with SIGCONT.
 */
class ITFencing {

  private static final Hour LAST = CompactorHarness.LAST_HOUR;

  @TempDir Path dir;

  @Test
  void aRunPausedPastItsLeasePublishesAndCommitsNothingAfterAnotherRunTookOver() throws Exception {
    try (CompactorHarness h = CompactorHarness.create(Backend.S3, dir)) {
      h.set("lock.renew-seconds", "1").set("lock.lease-seconds", "4");
      h.generate(1_500, 81);
      Process stalled = h.startCli("run", "--at", LAST.toString());
      Path stalledLog = h.lastCliLog();
      awaitPublished(h, stalled, 2);
      signal(stalled, "STOP");
      try {
        // The run that takes over writes different bytes (another Parquet codec), so anything the
        // stalled run publishes afterwards shows.
        h.set("event-type.clicks.parquet-codec", "gzip");
        awaitExpiry(h);
        RunOutcome takeover = h.runWaitingForLock(Duration.ofSeconds(60));
        assertThat(takeover.exitCode()).isEqualTo(ExitCode.DONE);
      } finally {
        signal(stalled, "CONT");
      }
      StoreSnapshot committed = StoreSnapshot.of(h.storage());

      assertThat(stalled.waitFor(120, TimeUnit.SECONDS)).as("stalled run ends").isTrue();

      String log = Files.readString(stalledLog);
      assertThat(stalled.exitValue()).as("exit code; log:%n%s", log).isEqualTo(1);
      assertThat(log).contains("publishes and commits nothing more");
      List<String> changed = committed.differencesFrom(StoreSnapshot.of(h.storage()));
      assertThat(changed)
          .as("manifests written by the stalled run")
          .noneMatch(k -> k.startsWith("state/"));
      assertThat(changed)
          .as(
              "objects the stalled run published after it resumed: at most the uploads in flight "
                  + "on its 2 task threads")
          .hasSizeLessThanOrEqualTo(2);
      h.run();
      assertOutputsMatch(h, ExpectedOutput.of(h, h.eventType().schema(), false));
    }
  }

  @Test
  void aManifestCommittedByAnotherRunAfterThisOnePlannedIsNotOverwritten() throws Exception {
    try (CompactorHarness h = CompactorHarness.create(Backend.S3, dir)) {
      h.generate(40, 82);
      h.run();
      Hour hour = LAST.minusHours(2);
      h.inputFiles(new PartitionId(hour, 1))
          .forEach(f -> h.storage().input().store().delete(f.key()));
      WindowScan staleScan = new WindowScanner(h.storage(), h.eventType(), true).scan(h.window());
      Plan stalePlan =
          WindowPlanner.plan(
              h.window(),
              staleScan.listing(),
              staleScan.manifests(),
              PlanRules.hourly(Fingerprints.settings(h.eventType()), h.window()));
      ObjectInfo file = h.inputFiles(new PartitionId(hour, 2)).get(0);
      h.storage()
          .input()
          .store()
          .put(
              file.key().replace(".avro", "-late.avro"),
              h.storage().input().store().readAll(file.key()));
      h.run();
      String manifestKey = h.storage().state().key(h.outputLayout().manifestKey(hour));
      byte[] newer = h.storage().state().store().readAll(manifestKey);

      HourCommitter stale =
          new HourCommitter(
              h.storage(),
              h.outputLayout(),
              new PrintStream(PrintStream.nullOutputStream()),
              () -> {});

      assertThatThrownBy(() -> stale.commit(stalePlan, staleScan, List.of()))
          .isInstanceOf(ManifestConflictException.class)
          .hasMessageContaining(h.storage().state().store().uri(manifestKey))
          .hasMessageContaining("not overwritten");
      assertThat(h.storage().state().store().readAll(manifestKey)).isEqualTo(newer);
    }
  }

  /** Waits (bounded) until the child has published {@code n} objects. */
  private static void awaitPublished(CompactorHarness h, Process cli, int n)
      throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(120);
    while (StoreSnapshot.published(h.storage()) < n) {
      assertThat(cli.isAlive()).as("the run ended before it could be paused").isTrue();
      assertThat(Instant.now()).as("published %d objects within 120 s", n).isBefore(deadline);
      Thread.sleep(10);
    }
  }

  /** Waits until the paused holder's lease has expired by the lock's own record. */
  private static void awaitExpiry(CompactorHarness h) throws InterruptedException {
    LeaseLock lock =
        new LeaseLock(
            h.storage().state().store(),
            h.storage().state().key(h.outputLayout().lockKey()),
            h.config().lock(),
            Clock.systemUTC());
    Instant expiry = lock.holder().map(LockRecord::expiry).orElseThrow();
    while (!Instant.now().isAfter(expiry)) {
      Thread.sleep(Math.max(1, Duration.between(Instant.now(), expiry).toMillis() + 1));
    }
  }

  private static void signal(Process process, String signal) throws Exception {
    // The shell's own kill: no procps package needed.
    Process kill =
        new ProcessBuilder("sh", "-c", "kill -" + signal + " " + process.pid()).inheritIO().start();
    assertThat(kill.waitFor(10, TimeUnit.SECONDS) && kill.exitValue() == 0)
        .as("kill -%s", signal)
        .isTrue();
  }
}
