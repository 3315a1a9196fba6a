package dev.compactor.store;

import java.time.Instant;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Last-modified times for local writes that strictly increase, so a local ETag (derived from the
 * last-modified time and size) changes on every write.
 *
 * <p>The kernel stamps files from a coarse clock (milliseconds apart), so two quick writes of the
 * same size could otherwise share an ETag and a stale {@code putIfMatch} would win. Steps are whole
 * microseconds, which every common filesystem stores exactly.
 */
final class ModificationClock {

  private static final AtomicLong LAST_MICROS = new AtomicLong();

  private ModificationClock() {}

  /**
   * A time in epoch nanoseconds later than any this JVM handed out and later than {@code
   * previousNanos}.
   */
  static long next(long previousNanos) {
    Instant now = Instant.now();
    long nowMicros = now.getEpochSecond() * 1_000_000L + now.getNano() / 1_000;
    long afterPrevious = Math.floorDiv(previousNanos, 1_000L) + 1;
    long micros =
        LAST_MICROS.updateAndGet(last -> Math.max(Math.max(nowMicros, last + 1), afterPrevious));
    return micros * 1_000L;
  }
}
