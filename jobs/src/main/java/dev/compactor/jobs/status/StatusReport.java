package dev.compactor.jobs.status;

import dev.compactor.domain.Hour;
import dev.compactor.domain.Window;
import dev.compactor.jobs.run.RunReport;
import dev.compactor.plan.PartitionWork;
import java.util.List;
import java.util.Optional;

/**
 * The state of one event type, for the on-call engineer.
 *
 * @param eventType which event type
 * @param window the hourly run's current window
 * @param hours each hour of the window with its state
 * @param lastRun the latest run report, if any run happened
 * @param lookback the settled hours searched for late data
 * @param late partitions older than the window whose inputs changed after they were compacted
 * @param settled what else the lookback found: outputs kept without inputs, other settings
 * @param unexpected URIs of objects under the input hour prefixes that are neither input nor
 *     ignored
 */
public record StatusReport(
    String eventType,
    Window window,
    List<HourState> hours,
    Optional<RunReport> lastRun,
    Window lookback,
    List<PartitionWork> late,
    Settled settled,
    List<String> unexpected) {

  /**
   * Settled partitions that need no backfill but are worth knowing about.
   *
   * @param kept partitions whose outputs are kept although their inputs are gone (input expired, or
   *     outputs no manifest entry names)
   * @param otherSettings partitions built with settings other than the current ones
   */
  public record Settled(List<PartitionWork> kept, long otherSettings) {}

  /** One hour of the window. */
  public record HourState(Hour hour, State state, int partitions, int pending, String reasons) {}

  /** What an hour of the window looks like now. */
  public enum State {
    /** Every partition is built from its current inputs. */
    COMPACTED,
    /** Some partitions changed since they were built; the next hourly run picks them up. */
    PENDING,
    /** No input and no output. */
    EMPTY
  }
}
