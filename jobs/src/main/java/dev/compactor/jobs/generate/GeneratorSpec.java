package dev.compactor.jobs.generate;

import dev.compactor.config.EventTypeConfig;
import dev.compactor.domain.Window;

/**
 * What sample data to generate. The same spec always produces the same files, byte for byte (on one
 * JDK: deflate output may differ between zlib versions), whatever the thread count. An hour's files
 * depend only on the seed, the hour and the other settings, not on the rest of the window: a later
 * run for the next hour adds files without changing the earlier ones.
 *
 * @param eventType the event type's folder name, e.g. {@code clicks}; the records are always clicks
 * @param window the hours to generate
 * @param eventsPerHour distinct events per hour, spread over all buckets by the hash of their ID
 * @param buckets hash buckets per hour
 * @param bucketDigits zero padding of the bucket number in folder names
 * @param flushesPerHour files per partition per hour (12 is a flush every 5 minutes); a flush that
 *     received no event writes no file
 * @param duplicateRate fraction of events delivered more than once
 * @param maxCopies most extra copies one duplicated event gets (each gets 1 to maxCopies)
 * @param seed seeds every random choice
 */
public record GeneratorSpec(
    String eventType,
    Window window,
    int eventsPerHour,
    int buckets,
    int bucketDigits,
    int flushesPerHour,
    double duplicateRate,
    int maxCopies,
    long seed) {

  /**
   * @throws IllegalArgumentException naming the value that is out of range and what it would break
   */
  public GeneratorSpec {
    require(
        eventType != null && eventType.matches("[A-Za-z0-9_.-]+"),
        "eventType",
        eventType,
        "it becomes a folder and a file name prefix, so use letters, digits, '_', '.', '-'");
    require(window != null, "window", null, "it says which hours to generate");
    require(eventsPerHour >= 0, "eventsPerHour", eventsPerHour, "use 0 or more");
    require(buckets >= 1, "buckets", buckets, "every event needs a bucket; use 1 or more");
    require(
        bucketDigits >= 1
            && bucketDigits <= 6
            && String.valueOf(buckets - 1).length() <= bucketDigits,
        "bucketDigits",
        bucketDigits,
        "the largest bucket number "
            + (buckets - 1)
            + " must fit, and readers accept at most 6 digits");
    require(
        flushesPerHour >= 1 && flushesPerHour <= 3600,
        "flushesPerHour",
        flushesPerHour,
        "file names carry the flush second, so use 1 to 3600");
    require(
        duplicateRate >= 0 && duplicateRate <= 1,
        "duplicateRate",
        duplicateRate,
        "it is a fraction of events; use 0 to 1");
    require(
        maxCopies >= 1, "maxCopies", maxCopies, "a duplicated event gets at least one extra copy");
  }

  /**
   * Defaults underneath: 10,000 events per hour, 16 buckets, 12 flushes, 5% duplicates, seed 42.
   */
  public static Builder builder(String eventType, Window window) {
    return new Builder(eventType, window);
  }

  /** Takes the event type's name, bucket count and padding from its configuration. */
  public static Builder builder(EventTypeConfig config, Window window) {
    return new Builder(config.name(), window)
        .buckets(config.buckets())
        .bucketDigits(config.bucketDigits());
  }

  /** Sets fields one at a time; {@link #build()} validates them together. */
  public static final class Builder {
    private final String eventType;
    private final Window window;
    private int eventsPerHour = 10_000;
    private int buckets = 16;
    private int bucketDigits = 2;
    private int flushesPerHour = 12;
    private double duplicateRate = 0.05;
    private int maxCopies = 3;
    private long seed = 42;

    private Builder(String eventType, Window window) {
      this.eventType = eventType;
      this.window = window;
    }

    public Builder eventsPerHour(int value) {
      eventsPerHour = value;
      return this;
    }

    public Builder buckets(int value) {
      buckets = value;
      return this;
    }

    public Builder bucketDigits(int value) {
      bucketDigits = value;
      return this;
    }

    public Builder flushesPerHour(int value) {
      flushesPerHour = value;
      return this;
    }

    public Builder duplicateRate(double value) {
      duplicateRate = value;
      return this;
    }

    public Builder maxCopies(int value) {
      maxCopies = value;
      return this;
    }

    public Builder seed(long value) {
      seed = value;
      return this;
    }

    public GeneratorSpec build() {
      return new GeneratorSpec(
          eventType,
          window,
          eventsPerHour,
          buckets,
          bucketDigits,
          flushesPerHour,
          duplicateRate,
          maxCopies,
          seed);
    }
  }

  private static void require(boolean ok, String field, Object value, String why) {
    if (!ok) {
      throw new IllegalArgumentException(
          "generator " + field + " = " + value + " is out of range: " + why);
    }
  }
}
