package dev.compactor.jobs.backfill;

import dev.compactor.domain.Window;
import dev.compactor.plan.Settlement;
import java.time.Duration;
import java.util.Objects;

/**
 * A manual rebuild of a range of hours of any age, built with named settings: {@code
 * BackfillRequest.of("clicks", range).chunkHours(12).force(true).build()}.
 */
public final class BackfillRequest {

  private final String eventType;
  private final Window range;
  private final int chunkHours;
  private final boolean force;
  private final boolean dryRun;
  private final boolean strict;
  private final Duration waitForLock;
  private final long maxBytesPerChunk;
  private final Settlement settlement;

  private BackfillRequest(Builder b) {
    this.eventType = b.eventType;
    this.range = b.range;
    this.chunkHours = b.chunkHours;
    this.force = b.force;
    this.dryRun = b.dryRun;
    this.strict = b.strict;
    this.waitForLock = b.waitForLock;
    this.maxBytesPerChunk = b.maxBytesPerChunk;
    this.settlement =
        b.settlement == null ? Settlement.keepingBefore(b.range.last().plusHours(1)) : b.settlement;
  }

  /**
   * A backfill of {@code range} in chunks of 24 hours, not forced, bad input quarantined, failing
   * at once when locked, no byte limit, and every hour of the range settled with nothing deleted.
   */
  public static Builder of(String eventType, Window range) {
    return new Builder(eventType, range);
  }

  /** A builder holding this request's settings, to change some of them. */
  public Builder toBuilder() {
    return of(eventType, range)
        .chunkHours(chunkHours)
        .force(force)
        .dryRun(dryRun)
        .strict(strict)
        .waitForLock(waitForLock)
        .maxBytesPerChunk(maxBytesPerChunk)
        .settlement(settlement);
  }

  public String eventType() {
    return eventType;
  }

  /** First..last hour, inclusive. */
  public Window range() {
    return range;
  }

  /** Hours per chunk; each chunk is planned, rebuilt and committed on its own. */
  public int chunkHours() {
    return chunkHours;
  }

  /** Rebuild unchanged partitions too. */
  public boolean force() {
    return force;
  }

  /** Print each chunk's plan, change nothing. */
  public boolean dryRun() {
    return dryRun;
  }

  /** Fail on bad input instead of quarantining it. */
  public boolean strict() {
    return strict;
  }

  /** How long to wait for another run's lease. */
  public Duration waitForLock() {
    return waitForLock;
  }

  /** Refuse a chunk whose plan reads more input bytes than this. */
  public long maxBytesPerChunk() {
    return maxBytesPerChunk;
  }

  /**
   * Which hours are settled (the hourly run's window no longer covers them: outputs whose inputs
   * vanished are kept there) and what may be deleted in them; each deletion is printed.
   */
  public Settlement settlement() {
    return settlement;
  }

  /** Named settings of a {@link BackfillRequest}. */
  public static final class Builder {
    private final String eventType;
    private final Window range;
    private int chunkHours = 24;
    private boolean force;
    private boolean dryRun;
    private boolean strict;
    private Duration waitForLock = Duration.ZERO;
    private long maxBytesPerChunk = Long.MAX_VALUE;
    private Settlement settlement;

    private Builder(String eventType, Window range) {
      this.eventType = Objects.requireNonNull(eventType);
      this.range = Objects.requireNonNull(range);
    }

    public Builder chunkHours(int hours) {
      this.chunkHours = hours;
      return this;
    }

    public Builder force(boolean force) {
      this.force = force;
      return this;
    }

    public Builder dryRun(boolean dryRun) {
      this.dryRun = dryRun;
      return this;
    }

    public Builder strict(boolean strict) {
      this.strict = strict;
      return this;
    }

    public Builder waitForLock(Duration wait) {
      this.waitForLock = Objects.requireNonNull(wait);
      return this;
    }

    public Builder maxBytesPerChunk(long limit) {
      this.maxBytesPerChunk = limit;
      return this;
    }

    public Builder settlement(Settlement settlement) {
      this.settlement = Objects.requireNonNull(settlement);
      return this;
    }

    public BackfillRequest build() {
      return new BackfillRequest(this);
    }
  }
}
