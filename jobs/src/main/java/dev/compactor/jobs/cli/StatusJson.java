package dev.compactor.jobs.cli;

import dev.compactor.config.CompactorConfig;
import dev.compactor.jobs.run.RunReport;
import dev.compactor.jobs.run.RunStatus;
import dev.compactor.jobs.status.StatusReport;
import dev.compactor.layout.Layout;
import dev.compactor.plan.PartitionWork;
import java.util.List;
import java.util.Locale;

/**
 * {@code status --json}: the state of each event type's window, its last run, and what needs a
 * backfill, for dashboards and orchestrators.
 *
 * @param formatVersion {@link JsonDocuments#FORMAT_VERSION}
 * @param compactorVersion the build that looked, e.g. {@code 0.1.0 (3f2a9c1)}
 * @param eventTypes one entry per event type asked for, by name
 */
record StatusJson(int formatVersion, String compactorVersion, List<EventType> eventTypes) {

  /**
   * @param eventType its name
   * @param window the hourly run's current window
   * @param hours each hour of the window
   * @param lastRun the newest run report, or null before the first run
   * @param lookback the settled hours searched for late data
   * @param late settled partitions whose inputs changed after they were built: backfill them
   * @param kept settled partitions whose outputs are kept although their inputs are gone
   * @param otherSettings settled partitions built with settings other than the current ones
   * @param unexpected objects under the input prefixes that are neither input nor ignored
   */
  record EventType(
      String eventType,
      JsonDocuments.Hours window,
      List<HourLine> hours,
      LastRun lastRun,
      JsonDocuments.Hours lookback,
      List<JsonDocuments.Partition> late,
      List<JsonDocuments.Partition> kept,
      long otherSettings,
      List<String> unexpected) {}

  /**
   * @param hour the hour
   * @param state {@code compacted}, {@code pending} (the next run picks it up) or {@code empty}
   * @param partitions partitions with data
   * @param pending partitions that changed since they were built
   * @param reasons why they are pending, e.g. {@code changed=2}
   */
  record HourLine(String hour, String state, int partitions, int pending, String reasons) {}

  /**
   * @param runId its ID
   * @param command run or backfill
   * @param status how it ended, as in the run report
   * @param exitCode its exit code
   * @param startedAt ISO instant
   * @param finishedAt ISO instant
   * @param window the hours it covered, {@code first..last}
   * @param partitionsRebuilt partitions it rebuilt
   * @param filesQuarantined files it left out
   * @param errors failures that made it exit 1
   * @param compactorVersion the build that ran it
   */
  record LastRun(
      String runId,
      String command,
      RunStatus status,
      int exitCode,
      String startedAt,
      String finishedAt,
      String window,
      long partitionsRebuilt,
      int filesQuarantined,
      int errors,
      String compactorVersion) {

    static LastRun of(RunReport r) {
      return new LastRun(
          r.runId(),
          r.command(),
          r.status(),
          r.exitCode(),
          r.startedAt(),
          r.finishedAt(),
          r.window(),
          r.rebuilt(),
          r.quarantined().size(),
          r.errors().size(),
          r.compactorVersion());
    }
  }

  static String of(List<StatusReport> reports, CompactorConfig config) {
    List<EventType> eventTypes = reports.stream().map(status -> eventType(status, config)).toList();
    return JsonDocuments.write(
        new StatusJson(JsonDocuments.FORMAT_VERSION, JsonDocuments.compactorVersion(), eventTypes));
  }

  private static EventType eventType(StatusReport status, CompactorConfig config) {
    Layout layout = config.eventType(status.eventType()).layout();
    return new EventType(
        status.eventType(),
        JsonDocuments.Hours.of(status.window()),
        status.hours().stream()
            .map(
                h ->
                    new HourLine(
                        h.hour().toString(),
                        h.state().name().toLowerCase(Locale.ROOT),
                        h.partitions(),
                        h.pending(),
                        h.reasons()))
            .toList(),
        status.lastRun().map(LastRun::of).orElse(null),
        JsonDocuments.Hours.of(status.lookback()),
        partitions(status.late(), layout, config),
        partitions(status.settled().kept(), layout, config),
        status.settled().otherSettings(),
        status.unexpected());
  }

  private static List<JsonDocuments.Partition> partitions(
      List<PartitionWork> work, Layout layout, CompactorConfig config) {
    return work.stream()
        .map(p -> JsonDocuments.Partition.of(p, layout, config.outputRoot()))
        .toList();
  }
}
