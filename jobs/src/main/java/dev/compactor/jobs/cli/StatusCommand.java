package dev.compactor.jobs.cli;

import dev.compactor.config.CompactorConfig;
import dev.compactor.domain.Hour;
import dev.compactor.jobs.run.ExitCode;
import dev.compactor.jobs.status.StatusJob;
import dev.compactor.jobs.status.StatusPrinter;
import dev.compactor.jobs.status.StatusReport;
import dev.compactor.store.Storage;
import java.io.PrintStream;
import java.time.Instant;
import java.util.List;
import java.util.Set;

/** {@code compactor status}: window state, last run and late data, per event type. */
final class StatusCommand {

  private static final Set<String> OPTIONS =
      Set.of("--config", "--event-type", "--at", "--lookback-hours");

  private final PrintStream out;

  StatusCommand(PrintStream out) {
    this.out = out;
  }

  int execute(Arguments args, CompactorConfig config) {
    args.rejectOthers(OPTIONS);
    Hour at = args.option("--at").map(Compactor::hour).orElse(Hour.containing(Instant.now()));
    int lookback = args.option("--lookback-hours").map(Compactor::positiveInt).orElse(7 * 24);
    List<String> eventTypes =
        args.option("--event-type")
            .map(List::of)
            .orElse(config.eventTypes().keySet().stream().sorted().toList());
    boolean lateData = false;
    try (Storage storage = Storage.open(config)) {
      for (String eventType : eventTypes) {
        StatusReport status = new StatusJob(config, storage).status(eventType, at, lookback);
        String fix =
            "compactor backfill --config "
                + args.required("--config")
                + " --event-type "
                + eventType;
        out.print(StatusPrinter.render(status, fix));
        lateData |= !status.late().isEmpty() || !status.unexpected().isEmpty();
      }
    }
    // Late data past the window and unexpected objects are otherwise lost in silence: make them
    // visible to schedulers too.
    return lateData ? ExitCode.PARTIAL.code() : ExitCode.DONE.code();
  }
}
