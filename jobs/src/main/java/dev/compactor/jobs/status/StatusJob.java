package dev.compactor.jobs.status;

import dev.compactor.config.CompactorConfig;
import dev.compactor.config.EventTypeConfig;
import dev.compactor.domain.Hour;
import dev.compactor.domain.Reason;
import dev.compactor.domain.Window;
import dev.compactor.jobs.run.RunReportStore;
import dev.compactor.plan.Fingerprints;
import dev.compactor.plan.Listing;
import dev.compactor.plan.PartitionWork;
import dev.compactor.plan.Plan;
import dev.compactor.plan.PlanRules;
import dev.compactor.plan.Settlement;
import dev.compactor.plan.WindowPlanner;
import dev.compactor.scan.WindowScan;
import dev.compactor.scan.WindowScanner;
import dev.compactor.store.Storage;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * {@code compactor status}: the window's hours and their state, the last run, and late data that
 * arrived for hours the hourly run no longer looks at. Plans only (listings and manifests): it
 * reads no data and starts no Spark.
 */
public final class StatusJob {

  private final CompactorConfig config;
  private final Storage storage;

  public StatusJob(CompactorConfig config, Storage storage) {
    this.config = config;
    this.storage = storage;
  }

  /**
   * @param now the hour the hourly run would end its window at
   * @param lookbackHours how far before the window to look for late data
   */
  public StatusReport status(String eventTypeName, Hour now, int lookbackHours) {
    EventTypeConfig eventType = config.eventType(eventTypeName);
    String settings = Fingerprints.settings(eventType);
    Window window = Window.ending(now, eventType.windowHours());
    Planned inWindow = plan(eventType, window, PlanRules.hourly(settings, window));
    Window lookback = Window.ending(window.first().minusHours(1), lookbackHours);
    Planned settled =
        plan(eventType, lookback, new PlanRules(settings, false, Settlement.hourly(window)));
    // Input changes and settings changes are told apart: a partition whose inputs changed is
    // CHANGED
    // whatever its settings, so only a pure settings change stays out of the late-data list.
    List<PartitionWork> late =
        settled.plan().work().stream().filter(w -> w.reason() != Reason.SETTINGS).toList();
    List<PartitionWork> kept =
        settled.plan().partitions().stream().filter(w -> w.reason().keptWithoutInput()).toList();
    long otherSettings =
        settled.plan().partitions().stream()
            .filter(w -> w.previous().isPresent())
            .filter(w -> !w.previous().get().settingsFingerprint().equals(settings))
            .count();
    List<String> unexpected = new ArrayList<>(settled.listing().unexpected());
    unexpected.addAll(inWindow.listing().unexpected());
    return new StatusReport(
        eventTypeName,
        window,
        hourStates(window, inWindow.plan()),
        new RunReportStore(storage.state(), eventType.layout()).newest(),
        lookback,
        late,
        new StatusReport.Settled(kept, otherSettings),
        unexpected.stream().sorted().map(k -> storage.input().store().uri(k)).toList());
  }

  private record Planned(Plan plan, Listing listing) {}

  private Planned plan(EventTypeConfig eventType, Window window, PlanRules rules) {
    WindowScan scan = new WindowScanner(storage, eventType, config.s3().etagIsMd5()).scan(window);
    return new Planned(
        WindowPlanner.plan(window, scan.listing(), scan.manifests(), rules), scan.listing());
  }

  private static List<StatusReport.HourState> hourStates(Window window, Plan plan) {
    Map<Hour, List<PartitionWork>> byHour =
        plan.partitions().stream().collect(Collectors.groupingBy(w -> w.partition().hour()));
    List<StatusReport.HourState> states = new ArrayList<>();
    for (Hour hour : window.hours()) {
      List<PartitionWork> partitions = byHour.getOrDefault(hour, List.of());
      List<PartitionWork> pending =
          partitions.stream().filter(w -> w.reason().requiresWork()).toList();
      String reasons =
          pending.stream()
              .collect(
                  Collectors.groupingBy(
                      w -> w.reason().label(), TreeMap::new, Collectors.counting()))
              .entrySet()
              .stream()
              .map(e -> e.getKey() + "=" + e.getValue())
              .collect(Collectors.joining(" "));
      StatusReport.State state =
          partitions.isEmpty()
              ? StatusReport.State.EMPTY
              : pending.isEmpty() ? StatusReport.State.COMPACTED : StatusReport.State.PENDING;
      states.add(
          new StatusReport.HourState(hour, state, partitions.size(), pending.size(), reasons));
    }
    return states;
  }
}
