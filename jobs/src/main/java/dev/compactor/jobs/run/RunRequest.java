package dev.compactor.jobs.run;

import dev.compactor.domain.Window;

/**
 * One invocation of the job.
 *
 * @param command {@code run}, {@code plan} or {@code backfill}, recorded in the run report
 * @param eventType which event type
 * @param window the hours to plan
 * @param force rebuild unchanged partitions too
 * @param dryRun plan and print, change nothing
 * @param strict fail on bad input instead of quarantining it
 */
public record RunRequest(
    String command, String eventType, Window window, boolean force, boolean dryRun, boolean strict) {}
