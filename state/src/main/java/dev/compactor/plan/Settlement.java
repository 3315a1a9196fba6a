package dev.compactor.plan;

import dev.compactor.domain.Hour;
import dev.compactor.domain.Window;
import java.io.Serializable;

/**
 * Which hours are settled, and what may be deleted in them. Inside the hourly window the inputs are
 * the truth. In a settled hour the outputs are the record: raw input may expire there (lifecycle
 * rules), so outputs whose inputs vanished are kept unless the caller asks, by name, to delete
 * them.
 *
 * @param settledBefore hours before this one are settled (the first hour of the hourly window)
 * @param deleteEmptied delete the outputs of settled partitions whose inputs are all gone (backfill
 *     --delete-emptied); a partly expired partition keeps the rows of its vanished files
 *     regardless, so no rebuild drops rows unnamed
 * @param deleteOrphans delete settled output objects that no manifest entry names and no input
 *     backs (backfill --delete-orphans)
 */
public record Settlement(Hour settledBefore, boolean deleteEmptied, boolean deleteOrphans)
    implements Serializable {

  /** Nothing in {@code window} is settled: an hourly run. */
  public static Settlement hourly(Window window) {
    return keepingBefore(window.first());
  }

  /** Hours before {@code first} are settled; keep everything. */
  public static Settlement keepingBefore(Hour first) {
    return new Settlement(first, false, false);
  }

  /**
   * Hours before the window of {@code windowHours} ending at {@code now} are settled; keep
   * everything.
   */
  public static Settlement keepAll(Hour now, int windowHours) {
    return keepingBefore(Window.ending(now, windowHours).first());
  }

  public Settlement deletingEmptied() {
    return new Settlement(settledBefore, true, deleteOrphans);
  }

  public Settlement deletingOrphans() {
    return new Settlement(settledBefore, deleteEmptied, true);
  }

  public boolean isSettled(Hour hour) {
    return hour.compareTo(settledBefore) < 0;
  }

  /** True when a partition of {@code hour} whose inputs are all gone keeps its outputs. */
  boolean keepsExpired(Hour hour) {
    return !deleteEmptied && isSettled(hour);
  }

  /** True when orphaned outputs of {@code hour} are left alone. */
  boolean keepsOrphans(Hour hour) {
    return !deleteOrphans && isSettled(hour);
  }
}
