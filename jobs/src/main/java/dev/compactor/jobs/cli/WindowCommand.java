package dev.compactor.jobs.cli;

import dev.compactor.config.CompactorConfig;
import dev.compactor.domain.Hour;
import dev.compactor.domain.Window;
import dev.compactor.jobs.run.Command;
import dev.compactor.jobs.run.CompactionJob;
import dev.compactor.jobs.run.RunOutcome;
import dev.compactor.jobs.run.RunRequest;
import dev.compactor.store.Storage;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** What {@code run} and {@code plan} share: the window they look at and the limits they obey. */
abstract class WindowCommand implements Callable<Integer> {

  final Session session;

  @Mixin ConfigOptions configOptions;

  @Mixin EventTypeOption eventType;

  @Option(
      names = "--at",
      paramLabel = "HOUR",
      converter = OptionTypes.HourValue.class,
      description = "Last hour of the window, e.g. 2026-11-23T17 (default: the current hour, UTC).")
  Hour at;

  @Option(
      names = "--window-hours",
      paramLabel = "N",
      converter = OptionTypes.PositiveInt.class,
      description = "Hours in the window (default: the event type's window-hours, 12).")
  Integer windowHours;

  @Option(
      names = "--strict",
      description = "Fail a partition on bad input instead of quarantining the file.")
  boolean strict;

  @Option(
      names = "--max-bytes",
      paramLabel = "SIZE",
      converter = OptionTypes.ByteSize.class,
      description = "Refuse a plan that would read more than this, e.g. 10GB (default: no limit).")
  Long maxBytes;

  WindowCommand(Session session) {
    this.session = session;
  }

  /** Plans, and unless {@code dryRun} rebuilds, the window. */
  RunOutcome run(CompactorConfig config, Command command, boolean dryRun, LockWait lockWait) {
    int hours =
        Optional.ofNullable(windowHours).orElse(config.eventType(eventType.name).windowHours());
    Hour last = Optional.ofNullable(at).orElseGet(OptionTypes::thisHour);
    RunRequest request =
        RunRequest.of(command, eventType.name, Window.ending(last, hours))
            .dryRun(dryRun)
            .strict(strict)
            .waitForLock(lockWait.patience(config))
            .maxBytes(maxBytes == null ? RunRequest.UNLIMITED : maxBytes)
            .build();
    try (Storage storage = Storage.open(config)) {
      return new CompactionJob(config, storage, session::spark, session.err).run(request);
    }
  }
}
