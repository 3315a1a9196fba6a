package dev.compactor.jobs.backfill;

import dev.compactor.domain.Chunks;
import dev.compactor.domain.Window;
import dev.compactor.jobs.run.Command;
import dev.compactor.jobs.run.CompactionJob;
import dev.compactor.jobs.run.ExitCode;
import dev.compactor.jobs.run.PlanPrinter;
import dev.compactor.jobs.run.RunIds;
import dev.compactor.jobs.run.RunOutcome;
import dev.compactor.jobs.run.RunRequest;
import dev.compactor.lock.Lease;
import dev.compactor.store.Storage;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Rebuilds a range of hours in chunks under one lease (the same lock as the hourly run). Each chunk
 * is an ordinary run over its hours, committed on its own, so a failure loses at most one chunk.
 * Chunks done by an earlier, interrupted attempt at the same backfill are planned again and skipped
 * only when their plan is empty, so data that changed since is never left behind.
 */
public final class BackfillJob {

  private final CompactionJob job;
  private final Storage storage;
  private final PrintStream log;

  public BackfillJob(CompactionJob job, Storage storage, PrintStream log) {
    this.job = job;
    this.storage = storage;
    this.log = log;
  }

  /** What happened: the worst exit code of any chunk, and each chunk's outcome. */
  public record BackfillOutcome(ExitCode exitCode, List<RunOutcome> chunks, int skipped) {}

  public BackfillOutcome run(BackfillRequest request) {
    List<Window> chunks = Chunks.split(request.range(), request.chunkHours());
    if (request.dryRun()) {
      return dryRun(request, chunks);
    }
    String owner = "backfill-" + RunIds.randomSuffix();
    try (Lease lease = job.lease(chunkRequest(request, request.range()), owner)) {
      return runChunks(request, chunks, lease);
    }
  }

  private BackfillOutcome runChunks(BackfillRequest request, List<Window> chunks, Lease lease) {
    BackfillProgress progress =
        BackfillProgress.load(storage.state(), job.layoutOf(request.eventType()), request);
    if (progress.doneCount() > 0) {
      log.println(
          "backfill: resuming "
              + progress.uri()
              + ", "
              + progress.doneCount()
              + " chunk(s) already done");
    }
    List<RunOutcome> outcomes = new ArrayList<>();
    ExitCode worst = ExitCode.DONE;
    int skipped = 0;
    long started = System.nanoTime();
    int ran = 0;
    for (int i = 0; i < chunks.size(); i++) {
      Window chunk = chunks.get(i);
      RunRequest chunkRequest = chunkRequest(request, chunk);
      if (progress.isDone(chunk)) {
        // Done before, but data may have changed since: re-plan it (listings and manifests only)
        // and
        // skip it only if nothing is left to do. Its forced rebuild is not repeated.
        chunkRequest = chunkRequest.toBuilder().force(false).build();
        if (job.plan(chunkRequest).isEmpty()) {
          skipped++;
          continue;
        }
        log.println(
            "backfill: chunk " + chunk + " was done before, but changed since; running it again");
      }
      lease.checkHeld();
      RunOutcome outcome = job.runHolding(chunkRequest, lease);
      outcomes.add(outcome);
      ran++;
      worst = worst.worse(outcome.exitCode());
      if (outcome.exitCode() != ExitCode.FAILED) {
        progress.markDone(chunk);
      }
      log.println(progressLine(request, chunks, i, chunk, outcome, started, ran, skipped));
    }
    if (worst != ExitCode.FAILED) {
      progress.finish();
    } else {
      log.println("backfill: some chunks failed; run the same command again to retry only those");
    }
    return new BackfillOutcome(worst, outcomes, skipped);
  }

  private BackfillOutcome dryRun(BackfillRequest request, List<Window> chunks) {
    List<RunOutcome> outcomes = new ArrayList<>();
    for (Window chunk : chunks) {
      RunOutcome outcome = job.run(chunkRequest(request, chunk));
      log.print(PlanPrinter.details(outcome.plan()));
      outcomes.add(outcome);
    }
    return new BackfillOutcome(ExitCode.DONE, outcomes, 0);
  }

  private static RunRequest chunkRequest(BackfillRequest request, Window chunk) {
    return RunRequest.of(Command.BACKFILL, request.eventType(), chunk)
        .force(request.force())
        .dryRun(request.dryRun())
        .strict(request.strict())
        .waitForLock(request.waitForLock())
        .maxBytes(request.maxBytesPerChunk())
        .settlement(request.settlement())
        .build();
  }

  private static String progressLine(
      BackfillRequest request,
      List<Window> chunks,
      int index,
      Window chunk,
      RunOutcome outcome,
      long startedNanos,
      int ran,
      int skipped) {
    double elapsed = (System.nanoTime() - startedNanos) / 1e9;
    int remaining = chunks.size() - index - 1;
    long eta = Math.round(elapsed / ran * remaining);
    return String.format(
        Locale.ROOT,
        "backfill %s chunk %d/%d %s: %s, %d partition(s) rebuilt; elapsed %ds, ETA %ds%s",
        request.eventType(),
        index + 1,
        chunks.size(),
        chunk,
        outcome.report().status(),
        outcome.report().rebuilt(),
        Math.round(elapsed),
        eta,
        skipped > 0 ? " (" + skipped + " chunk(s) skipped: done before)" : "");
  }
}
