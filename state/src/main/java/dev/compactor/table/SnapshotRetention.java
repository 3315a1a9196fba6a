package dev.compactor.table;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * Which snapshots retention may expire. A snapshot is still needed while a query may be reading it:
 * a query starts on the then-current snapshot and may run for up to the retention age, so a
 * snapshot is needed until its successor has been current for that long. Its own commit time says
 * nothing: a snapshot committed a day ago may have been current until a minute ago.
 */
public final class SnapshotRetention {

  private SnapshotRetention() {}

  /**
   * @param commitTimes the commit times of the table's snapshots, oldest first; the last is current
   * @return the cut-off: snapshots committed before it are no longer needed; empty when every
   *     snapshot still is
   */
  public static Optional<Instant> expireBefore(
      List<Instant> commitTimes, Instant now, Duration age) {
    Instant horizon = now.minus(age);
    for (int i = 0; i < commitTimes.size() - 1; i++) {
      boolean supersededLongAgo = commitTimes.get(i + 1).isBefore(horizon);
      if (!supersededLongAgo) {
        return i == 0 ? Optional.empty() : Optional.of(commitTimes.get(i));
      }
    }
    // Every snapshot but the current one was superseded longer ago than the age.
    return commitTimes.size() < 2
        ? Optional.empty()
        : Optional.of(commitTimes.get(commitTimes.size() - 1));
  }
}
