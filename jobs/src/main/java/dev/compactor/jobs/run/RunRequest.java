package dev.compactor.jobs.run;

import dev.compactor.domain.Window;
import dev.compactor.plan.PlanRules;
import dev.compactor.plan.Settlement;
import java.time.Duration;

/**
 * One invocation of the job.
 *
 * @param command {@code run}, {@code plan} or {@code backfill}, recorded in the run report
 * @param eventType which event type
 * @param window the hours to plan
 * @param force rebuild unchanged partitions too
 * @param dryRun plan and print, change nothing
 * @param strict fail on bad input instead of quarantining it
 * @param waitForLock how long to wait for another run's lease; zero fails at once (exit 3)
 * @param maxBytes refuse a plan that reads more input bytes than this
 * @param settlement which hours are settled (their vanished inputs keep their outputs) and what may be
 *     deleted in them
 */
public record RunRequest(
    String command,
    String eventType,
    Window window,
    boolean force,
    boolean dryRun,
    boolean strict,
    Duration waitForLock,
    long maxBytes,
    Settlement settlement) {

  /** No limit on the bytes a plan may read. */
  public static final long UNLIMITED = Long.MAX_VALUE;

  /** An hourly run or plan of {@code window}: no force, fail at once when locked, nothing settled. */
  public static RunRequest hourly(String command, String eventType, Window window, boolean dryRun, boolean strict) {
    return new RunRequest(
        command, eventType, window, false, dryRun, strict, Duration.ZERO, UNLIMITED, Settlement.hourly(window));
  }

  public RunRequest withMaxBytes(long limit) {
    return new RunRequest(
        command, eventType, window, force, dryRun, strict, waitForLock, limit, settlement);
  }

  public RunRequest withWaitForLock(Duration wait) {
    return new RunRequest(
        command, eventType, window, force, dryRun, strict, wait, maxBytes, settlement);
  }

  /** The planning rules of this request under the given settings fingerprint. */
  public PlanRules planRules(String settingsFingerprint) {
    return new PlanRules(settingsFingerprint, force, settlement);
  }
}
