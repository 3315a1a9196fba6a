package dev.compactor.jobs.run;

import dev.compactor.domain.Quarantined;
import dev.compactor.jobs.rewrite.RewriteStats;
import java.util.List;
import java.util.Map;

/**
 * What one run did, written as JSON to {@code <state>/_runs/<event_type>/<run-id>.json}.
 *
 * @param runId unique per run
 * @param eventType the event type
 * @param command run, plan or backfill
 * @param compactorVersion the build that ran it ({@link dev.compactor.jobs.BuildInfo#label()})
 * @param window first..last hour
 * @param startedAt ISO instant
 * @param finishedAt ISO instant
 * @param status succeeded, nothing-to-do, partial (some input quarantined or unexpected), failed or
 *     dry-run
 * @param exitCode the process exit code
 * @param durationMillis wall time of the run
 * @param pendingLagSeconds age of the oldest input change this run picked up (0 if none)
 * @param reasons partitions per plan reason
 * @param scan what planning read
 * @param totals summed rebuild counters
 * @param partitions one line per partition worked on
 * @param quarantined every file left out, with its reason
 * @param unexpected keys under the input hour prefixes that are neither input nor ignored (exit 4)
 * @param errors failures that make the run exit 1
 */
public record RunReport(
    String runId,
    String eventType,
    String command,
    String compactorVersion,
    String window,
    String startedAt,
    String finishedAt,
    RunStatus status,
    int exitCode,
    long durationMillis,
    long pendingLagSeconds,
    Map<String, Long> reasons,
    ScanSummary scan,
    RewriteStats totals,
    List<PartitionLine> partitions,
    List<Quarantined> quarantined,
    List<String> unexpected,
    List<String> errors) {

  /** How many partitions were rebuilt. */
  public long rebuilt() {
    return partitions.stream().filter(p -> p.outcome() == PartitionOutcome.REBUILT).count();
  }

  /**
   * @param hourPrefixesListed input hour prefixes listed
   * @param listRequests LIST pages requested (inputs and outputs)
   * @param manifestsRead manifests found
   * @param md5Computed files read to compute an MD5
   * @param ignoredKeys non-data keys skipped
   */
  public record ScanSummary(
      int hourPrefixesListed,
      long listRequests,
      int manifestsRead,
      long md5Computed,
      int ignoredKeys) {}

  /**
   * @param partition dt, hr and bucket
   * @param reason why it was worked on
   * @param detail what changed
   * @param outcome rebuilt, outputs deleted, failed or not run
   * @param recordsIn records read
   * @param recordsOut records written
   * @param error why it failed, or null
   */
  public record PartitionLine(
      String partition,
      String reason,
      String detail,
      PartitionOutcome outcome,
      long recordsIn,
      long recordsOut,
      String error) {}
}
