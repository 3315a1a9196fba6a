package dev.compactor.jobs.cli;

import dev.compactor.config.CompactorConfig;
import dev.compactor.jobs.backfill.BackfillJob;
import dev.compactor.jobs.backfill.BackfillRequest;
import dev.compactor.jobs.run.CompactionJob;
import dev.compactor.jobs.run.EmfMetrics;
import dev.compactor.plan.Settlement;
import dev.compactor.store.Storage;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code compactor backfill --from H --to H}: rebuild a range of hours of any age, in chunks. */
@Command(
    name = "backfill",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Rebuilds --from..--to (any age) in chunks, resuming after the last finished chunk when"
          + " rerun. Changed partitions only, unless --force. In hours the hourly window no longer"
          + " covers, outputs whose inputs are gone are kept unless a --delete flag says otherwise;"
          + " each deletion is printed.",
      ""
    })
final class BackfillCommand implements Callable<Integer>, Metered {

  private final Session session;

  @Mixin private ConfigOptions configOptions;
  @Mixin private EventTypeOption eventType;
  @Mixin private HourRange range;

  @Option(
      names = "--chunk-hours",
      paramLabel = "N",
      converter = OptionTypes.PositiveInt.class,
      description = "Hours per chunk: one plan, one commit, one EMF line each (default: 24).")
  private int chunkHours = 24;

  @Option(names = "--force", description = "Rebuild every partition, changed or not.")
  private boolean force;

  @Option(names = "--dry-run", description = "Print each chunk's plan and change nothing.")
  private boolean dryRun;

  @Option(
      names = "--strict",
      description = "Fail a partition on bad input instead of quarantining the file.")
  private boolean strict;

  @Mixin private LockWait lockWait;

  @Option(
      names = "--max-bytes",
      paramLabel = "SIZE",
      converter = OptionTypes.ByteSize.class,
      description =
          "Refuse a chunk whose plan reads more than this, e.g. 10GB (default: no limit).")
  private Long maxBytes;

  @Mixin private SettledAt settledAt;

  @Option(
      names = "--delete-emptied",
      description = "In settled hours, delete the outputs of partitions with no input left.")
  private boolean deleteEmptied;

  @Option(
      names = "--delete-orphans",
      description = "In settled hours, delete output objects that no manifest names.")
  private boolean deleteOrphans;

  BackfillCommand(Session session) {
    this.session = session;
  }

  @Override
  public Integer call() {
    CompactorConfig config = session.load(configOptions);
    int windowHours = config.eventType(eventType.name).windowHours();
    BackfillRequest request =
        BackfillRequest.of(eventType.name, range.window())
            .chunkHours(chunkHours)
            .force(force)
            .dryRun(dryRun)
            .strict(strict)
            .waitForLock(lockWait.patience(config))
            .maxBytesPerChunk(maxBytes == null ? Long.MAX_VALUE : maxBytes)
            .settlement(settlement(windowHours))
            .build();
    try (Storage storage = Storage.open(config)) {
      CompactionJob job = new CompactionJob(config, storage, session::spark, session.err);
      BackfillJob.BackfillOutcome outcome = new BackfillJob(job, storage, session.err).run(request);
      if (!request.dryRun()) {
        outcome
            .chunks()
            .forEach(
                c ->
                    session.out.println(
                        EmfMetrics.line(c.report(), config.metrics(), Instant.now())));
      }
      long rebuilt = outcome.chunks().stream().mapToLong(c -> c.report().rebuilt()).sum();
      session.out.println(
          "backfill "
              + eventType.name
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

  /** Settled hours are those the hourly run at {@code at} no longer covers; deletions by flag. */
  private Settlement settlement(int windowHours) {
    Settlement settlement = settledAt.keepAll(windowHours);
    if (deleteEmptied) {
      settlement = settlement.deletingEmptied();
    }
    return deleteOrphans ? settlement.deletingOrphans() : settlement;
  }

  @Override
  public Optional<String> eventType() {
    return Optional.ofNullable(eventType.name);
  }

  @Override
  public boolean dryRun() {
    return dryRun;
  }
}
