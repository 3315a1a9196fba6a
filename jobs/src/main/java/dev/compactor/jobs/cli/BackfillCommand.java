package dev.compactor.jobs.cli;

import dev.compactor.config.CompactorConfig;
import dev.compactor.domain.Hour;
import dev.compactor.domain.Window;
import dev.compactor.jobs.backfill.BackfillJob;
import dev.compactor.jobs.backfill.BackfillRequest;
import dev.compactor.jobs.run.CompactionJob;
import dev.compactor.jobs.run.EmfMetrics;
import dev.compactor.jobs.run.SparkProvider;
import dev.compactor.plan.Settlement;
import dev.compactor.store.Storage;
import java.io.PrintStream;
import java.time.Duration;
import java.time.Instant;
import java.util.Set;

/** {@code compactor backfill --from H --to H}: rebuild a range of hours of any age, in chunks. */
final class BackfillCommand {

  private static final Set<String> OPTIONS =
      Set.of(
          "--config",
          "--event-type",
          "--from",
          "--to",
          "--chunk-hours",
          "--force",
          "--dry-run",
          "--strict",
          "--wait",
          "--max-bytes",
          "--at",
          "--delete-emptied",
          "--delete-orphans");

  private final PrintStream out;
  private final PrintStream err;
  private final SparkProvider spark;

  BackfillCommand(PrintStream out, PrintStream err, SparkProvider spark) {
    this.out = out;
    this.err = err;
    this.spark = spark;
  }

  int execute(Arguments args, CompactorConfig config) {
    args.rejectOthers(OPTIONS);
    String eventType = args.required("--event-type");
    config.eventType(eventType);
    Window range = Compactor.range(args);
    int chunkHours = args.option("--chunk-hours").map(Compactor::positiveInt).orElse(24);
    Hour at = args.option("--at").map(Compactor::hour).orElse(Hour.containing(Instant.now()));
    BackfillRequest request =
        BackfillRequest.of(eventType, range)
            .chunkHours(chunkHours)
            .force(args.has("--force"))
            .dryRun(args.has("--dry-run"))
            .strict(args.has("--strict"))
            .waitForLock(args.has("--wait") ? config.lock().lease().plusMinutes(1) : Duration.ZERO)
            .maxBytesPerChunk(
                args.option("--max-bytes").map(Compactor::bytes).orElse(Long.MAX_VALUE))
            .settlement(settlement(args, at, config.eventType(eventType).windowHours()))
            .build();
    try (Storage storage = Storage.open(config)) {
      CompactionJob job = new CompactionJob(config, storage, spark, err);
      BackfillJob.BackfillOutcome outcome = new BackfillJob(job, storage, err).run(request);
      if (!request.dryRun()) {
        outcome
            .chunks()
            .forEach(
                c -> out.println(EmfMetrics.line(c.report(), config.metrics(), Instant.now())));
      }
      long rebuilt = outcome.chunks().stream().mapToLong(c -> c.report().rebuilt()).sum();
      out.println(
          "backfill "
              + eventType
              + " "
              + request.range()
              + (request.dryRun() ? " (dry run)" : "")
              + ": "
              + outcome.chunks().size()
              + " chunk(s) run, "
              + outcome.skipped()
              + " skipped as done, "
              + rebuilt
              + " partition(s) rebuilt, exit "
              + outcome.exitCode().code());
      return outcome.exitCode().code();
    }
  }

  /**
   * Settled hours are those the hourly run at {@code at} no longer covers; deletions by flag only.
   */
  private static Settlement settlement(Arguments args, Hour at, int windowHours) {
    Settlement settlement = Settlement.keepAll(at, windowHours);
    if (args.has("--delete-emptied")) {
      settlement = settlement.deletingEmptied();
    }
    return args.has("--delete-orphans") ? settlement.deletingOrphans() : settlement;
  }
}
