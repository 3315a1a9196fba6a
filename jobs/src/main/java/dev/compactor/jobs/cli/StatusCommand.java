package dev.compactor.jobs.cli;

import dev.compactor.config.CompactorConfig;
import dev.compactor.domain.Hour;
import dev.compactor.jobs.run.ExitCode;
import dev.compactor.jobs.status.StatusJob;
import dev.compactor.jobs.status.StatusPrinter;
import dev.compactor.jobs.status.StatusReport;
import dev.compactor.store.Storage;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code compactor status}: window state, last run and late data, per event type. */
@Command(
    name = "status",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Shows each hour of the window and its state, the last run, and late data or unexpected"
          + " objects outside the window, with the backfill that picks them up. Exits 4 when"
          + " there is late data or an unexpected object.",
      ""
    })
final class StatusCommand implements Callable<Integer> {

  private final Session session;

  @Mixin private ConfigOptions configOptions;

  @Option(
      names = "--event-type",
      paramLabel = "TYPE",
      description = "One event type (default: every configured event type).")
  private String eventType;

  @Option(
      names = "--at",
      paramLabel = "HOUR",
      converter = OptionTypes.HourValue.class,
      description = "The hourly window's last hour (default: the current hour, UTC).")
  private Hour at;

  @Option(
      names = "--lookback-hours",
      paramLabel = "N",
      converter = OptionTypes.PositiveInt.class,
      description = "Settled hours before the window searched for late data (default: 168).")
  private int lookbackHours = 7 * 24;

  @Option(
      names = "--json",
      description =
          "Print one JSON document (fields: submit/README.md, 'Plans and status as JSON').")
  private boolean json;

  StatusCommand(Session session) {
    this.session = session;
  }

  @Override
  public Integer call() {
    CompactorConfig config = session.load(configOptions);
    Hour last = Optional.ofNullable(at).orElseGet(OptionTypes::thisHour);
    List<String> eventTypes =
        Optional.ofNullable(eventType)
            .map(List::of)
            .orElse(config.eventTypes().keySet().stream().sorted().toList());
    List<StatusReport> reports = new ArrayList<>();
    try (Storage storage = Storage.open(config)) {
      for (String name : eventTypes) {
        StatusReport status = new StatusJob(config, storage).status(name, last, lookbackHours);
        reports.add(status);
        if (!json) {
          String fix =
              "compactor backfill --config " + configOptions.file() + " --event-type " + name;
          session.out.print(StatusPrinter.render(status, fix));
        }
      }
    }
    if (json) {
      session.out.println(StatusJson.of(reports, config));
    }
    // Late data past the window and unexpected objects are otherwise lost in silence: make them
    // visible to schedulers too.
    boolean attention =
        reports.stream().anyMatch(s -> !s.late().isEmpty() || !s.unexpected().isEmpty());
    return attention ? ExitCode.PARTIAL.code() : ExitCode.DONE.code();
  }
}
