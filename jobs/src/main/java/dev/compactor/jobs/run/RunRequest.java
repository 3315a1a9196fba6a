package dev.compactor.jobs.run;

import dev.compactor.domain.Window;
import dev.compactor.plan.PlanRules;
import dev.compactor.plan.Settlement;
import java.time.Duration;
import java.util.Objects;

/**
 * One invocation of the job, built with named settings: {@code RunRequest.of(Command.RUN, "clicks",
 * window).strict(true).build()}.
 */
public final class RunRequest {

  /** No limit on the bytes a plan may read. */
  public static final long UNLIMITED = Long.MAX_VALUE;

  private final Command command;
  private final String eventType;
  private final Window window;
  private final boolean force;
  private final boolean dryRun;
  private final boolean strict;
  private final Duration waitForLock;
  private final long maxBytes;
  private final Settlement settlement;

  private RunRequest(Builder b) {
    this.command = b.command;
    this.eventType = b.eventType;
    this.window = b.window;
    this.force = b.force;
    this.dryRun = b.dryRun;
    this.strict = b.strict;
    this.waitForLock = b.waitForLock;
    this.maxBytes = b.maxBytes;
    this.settlement = b.settlement == null ? Settlement.hourly(b.window) : b.settlement;
  }

  /**
   * A run of {@code window}, by default as the hourly schedule runs it: no force, not a dry run,
   * bad input quarantined, fail at once when locked, no byte limit, nothing settled.
   */
  public static Builder of(Command command, String eventType, Window window) {
    return new Builder(command, eventType, window);
  }

  /** A builder holding this request's settings, to change some of them. */
  public Builder toBuilder() {
    return of(command, eventType, window)
        .force(force)
        .dryRun(dryRun)
        .strict(strict)
        .waitForLock(waitForLock)
        .maxBytes(maxBytes)
        .settlement(settlement);
  }

  /** {@code run}, {@code plan} or {@code backfill}, recorded in the run report. */
  public Command command() {
    return command;
  }

  public String eventType() {
    return eventType;
  }

  /** The hours to plan. */
  public Window window() {
    return window;
  }

  /** Rebuild unchanged partitions too. */
  public boolean force() {
    return force;
  }

  /** Plan and print, change nothing. */
  public boolean dryRun() {
    return dryRun;
  }

  /** Fail on bad input instead of quarantining it. */
  public boolean strict() {
    return strict;
  }

  /** How long to wait for another run's lease; zero fails at once (exit 3). */
  public Duration waitForLock() {
    return waitForLock;
  }

  /** Refuse a plan that reads more input bytes than this. */
  public long maxBytes() {
    return maxBytes;
  }

  /**
   * Which hours are settled (their vanished inputs keep their outputs) and what may be deleted
   * there.
   */
  public Settlement settlement() {
    return settlement;
  }

  /** The planning rules of this request under the given settings fingerprint. */
  public PlanRules planRules(String settingsFingerprint) {
    return new PlanRules(settingsFingerprint, force, settlement);
  }

  /** Named settings of a {@link RunRequest}. */
  public static final class Builder {
    private final Command command;
    private final String eventType;
    private final Window window;
    private boolean force;
    private boolean dryRun;
    private boolean strict;
    private Duration waitForLock = Duration.ZERO;
    private long maxBytes = UNLIMITED;
    private Settlement settlement;

    private Builder(Command command, String eventType, Window window) {
      this.command = Objects.requireNonNull(command);
      this.eventType = Objects.requireNonNull(eventType);
      this.window = Objects.requireNonNull(window);
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

    public Builder maxBytes(long limit) {
      this.maxBytes = limit;
      return this;
    }

    /** Which hours are settled; by default none of the window's ({@link Settlement#hourly}). */
    public Builder settlement(Settlement settlement) {
      this.settlement = Objects.requireNonNull(settlement);
      return this;
    }

    public RunRequest build() {
      return new RunRequest(this);
    }
  }
}
