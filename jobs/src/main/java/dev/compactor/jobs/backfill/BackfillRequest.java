package dev.compactor.jobs.backfill;

import dev.compactor.domain.Window;
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
 */
public record BackfillRequest(
    String eventType,
    Window range,
    int chunkHours,
    boolean force,
    boolean dryRun,
    boolean strict,
    Duration waitForLock,
    long maxBytesPerChunk) {

  /** A backfill with no byte limit. */
  public BackfillRequest(
      String eventType, Window range, int chunkHours, boolean force, boolean dryRun, boolean strict,
      Duration waitForLock) {
    this(eventType, range, chunkHours, force, dryRun, strict, waitForLock, Long.MAX_VALUE);
  }
}
