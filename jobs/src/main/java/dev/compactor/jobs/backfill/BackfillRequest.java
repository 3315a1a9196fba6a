package dev.compactor.jobs.backfill;

import dev.compactor.domain.Window;
import dev.compactor.plan.Settlement;
import java.time.Duration;

/**
 * A manual rebuild of a range of hours of any age.
 *
 * @param eventType which event type
 * @param range first..last hour, inclusive
 * @param chunkHours hours per chunk; each chunk is planned, rebuilt and committed on its own
 * @param force rebuild unchanged partitions too
 * @param dryRun print each chunk's plan, change nothing
 * @param strict fail on bad input instead of quarantining it
 * @param waitForLock how long to wait for another run's lease
 * @param maxBytesPerChunk refuse a chunk whose plan reads more input bytes than this
 * @param settlement which hours are settled (the hourly run's window no longer covers them: outputs
 *     whose inputs vanished are kept there) and what may be deleted in them; each deletion is printed
 */
public record BackfillRequest(
    String eventType,
    Window range,
    int chunkHours,
    boolean force,
    boolean dryRun,
    boolean strict,
    Duration waitForLock,
    long maxBytesPerChunk,
    Settlement settlement) {

  /** A backfill with no byte limit that treats every hour of the range as settled. */
  public BackfillRequest(
      String eventType, Window range, int chunkHours, boolean force, boolean dryRun, boolean strict,
      Duration waitForLock) {
    this(eventType, range, chunkHours, force, dryRun, strict, waitForLock, Long.MAX_VALUE,
        new Settlement(range.last().plusHours(1), false, false));
  }

  /** The same backfill under other settlement rules. */
  public BackfillRequest with(Settlement rules) {
    return new BackfillRequest(
        eventType, range, chunkHours, force, dryRun, strict, waitForLock, maxBytesPerChunk, rules);
  }
}
