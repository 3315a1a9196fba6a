package dev.compactor.jobs.it;

import static dev.compactor.jobs.it.OutputAssertions.assertOutputsMatch;
import static org.assertj.core.api.Assertions.assertThat;

import dev.compactor.domain.Hour;
import dev.compactor.domain.PartitionId;
import dev.compactor.domain.Reason;
import dev.compactor.domain.Window;
import dev.compactor.jobs.backfill.BackfillJob.BackfillOutcome;
import dev.compactor.jobs.backfill.BackfillRequest;
import dev.compactor.jobs.it.CompactorHarness.Backend;
import dev.compactor.jobs.run.ExitCode;
import dev.compactor.jobs.run.PartitionOutcome;
import dev.compactor.jobs.run.RunOutcome;
import dev.compactor.manifest.ManifestCodec;
import dev.compactor.plan.PartitionWork;
import dev.compactor.store.ObjectInfo;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Backfills of a 3-day range on the real S3 API server. */
class ITBackfill {

  private static final Window THREE_DAYS =
      new Window(Hour.parse("2026-11-01T00"), Hour.parse("2026-11-03T23"));
  private static final int PARTITIONS = 72 * CompactorHarness.BUCKETS;

  @TempDir Path dir;

  @Test
  void rebuildsOnlyWhatChangedAndEverythingWithForce() throws Exception {
    try (CompactorHarness h = CompactorHarness.create(Backend.S3, dir)) {
      h.generate(THREE_DAYS, 60, 11);
      BackfillOutcome first = h.backfill(request(false, 24));
      assertThat(first.exitCode()).isEqualTo(ExitCode.DONE);
      assertThat(first.chunks()).hasSize(3);
      assertThat(rebuilt(first)).isEqualTo(PARTITIONS);

      PartitionId touched = new PartitionId(Hour.parse("2026-11-02T13"), 2);
      ObjectInfo file = h.inputFiles(touched).get(0);
      h.storage()
          .input()
          .store()
          .put(
              file.key().replace(".avro", "-late.avro"),
              h.storage().input().store().readAll(file.key()));
      BackfillOutcome changed = h.backfill(request(false, 24));

      assertThat(work(changed)).containsExactly(Map.entry(touched, Reason.CHANGED));

      BackfillOutcome forced = h.backfill(request(true, 24));
      assertThat(rebuilt(forced)).isEqualTo(PARTITIONS);
      assertThat(forced.chunks().stream().flatMap(c -> c.plan().work().stream()))
          .allMatch(w -> w.reason() == Reason.FORCED);
      assertOutputsMatch(h, ExpectedOutput.of(h, reader(h), false, THREE_DAYS));
    }
  }

  @Test
  void dryRunPlansEveryChunkAndChangesNothing() {
    try (CompactorHarness h = CompactorHarness.create(Backend.S3, dir)) {
      h.generate(THREE_DAYS, 30, 12);

      BackfillOutcome dry =
          h.backfill(BackfillRequest.of("clicks", THREE_DAYS).dryRun(true).build());

      assertThat(dry.chunks()).hasSize(3);
      assertThat(dry.chunks().stream().mapToLong(c -> c.plan().rewrites().size()).sum())
          .isEqualTo(PARTITIONS);
      assertThat(h.outputObjects()).isEmpty();
      assertThat(h.storage().state().store().list(h.storage().state().key("clicks") + "/"))
          .isEmpty();
    }
  }

  @Test
  void aKilledBackfillResumesWithoutRedoingFinishedChunks() throws Exception {
    try (CompactorHarness h = CompactorHarness.create(Backend.S3, dir)) {
      // A short lease, so the killed holder's lock is taken over within seconds.
      h.set("lock.renew-seconds", "2").set("lock.lease-seconds", "10");
      h.generate(THREE_DAYS, 60, 13);
      String progressKey =
          h.storage()
              .state()
              .key(
                  "_backfills/clicks/"
                      + THREE_DAYS.first()
                      + "--"
                      + THREE_DAYS.last()
                      + "--force.json");

      Process cli =
          h.startCli(
              "backfill",
              "--from",
              THREE_DAYS.first().toString(),
              "--to",
              THREE_DAYS.last().toString(),
              "--chunk-hours",
              "12",
              "--force");
      int doneBeforeKill = awaitDoneChunks(h, progressKey, cli);
      cli.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      int doneAtKill = doneChunks(h, progressKey);

      BackfillOutcome resumed =
          h.backfill(
              BackfillRequest.of("clicks", THREE_DAYS)
                  .chunkHours(12)
                  .force(true)
                  .waitForLock(Duration.ofSeconds(60))
                  .build());

      assertThat(doneBeforeKill).isGreaterThanOrEqualTo(1);
      assertThat(doneAtKill).isLessThan(6).as("the kill must land mid-backfill");
      assertThat(resumed.exitCode()).isEqualTo(ExitCode.DONE);
      assertThat(resumed.skipped()).isEqualTo(doneAtKill);
      assertThat(resumed.chunks()).hasSize(6 - doneAtKill);
      assertThat(rebuilt(resumed)).isEqualTo((6 - doneAtKill) * 12 * CompactorHarness.BUCKETS);
      assertThat(h.storage().state().store().readIfExists(progressKey))
          .as("progress record removed")
          .isEmpty();
      assertOutputsMatch(h, ExpectedOutput.of(h, reader(h), false, THREE_DAYS));
    }
  }

  /** Waits (bounded) until the child process has finished at least one chunk. */
  private static int awaitDoneChunks(CompactorHarness h, String key, Process cli)
      throws InterruptedException {
    Instant deadline = Instant.now().plusSeconds(120);
    while (Instant.now().isBefore(deadline)) {
      int done = doneChunks(h, key);
      if (done >= 1) {
        return done;
      }
      assertThat(cli.isAlive())
          .as("backfill process exited early with %s", cli.isAlive() ? "" : cli.exitValue())
          .isTrue();
      Thread.sleep(20);
    }
    throw new AssertionError("no chunk finished within 120 s");
  }

  private static int doneChunks(CompactorHarness h, String key) {
    return h.storage()
        .state()
        .store()
        .readIfExists(key)
        .map(
            bytes -> {
              try {
                return ManifestCodec.mapper().readTree(bytes).get("doneChunks").size();
              } catch (IOException e) {
                throw new UncheckedIOException(e);
              }
            })
        .orElse(0);
  }

  private static BackfillRequest request(boolean force, int chunkHours) {
    return BackfillRequest.of("clicks", THREE_DAYS).chunkHours(chunkHours).force(force).build();
  }

  private static long rebuilt(BackfillOutcome outcome) {
    return outcome.chunks().stream()
        .flatMap(c -> c.report().partitions().stream())
        .filter(p -> p.outcome() == PartitionOutcome.REBUILT)
        .count();
  }

  private static Map<PartitionId, Reason> work(BackfillOutcome outcome) {
    Map<PartitionId, Reason> work = new TreeMap<>();
    for (RunOutcome chunk : outcome.chunks()) {
      for (PartitionWork w : chunk.plan().work()) {
        work.put(w.partition(), w.reason());
      }
    }
    return work;
  }

  private static Schema reader(CompactorHarness h) {
    return h.eventType().schema();
  }
}
