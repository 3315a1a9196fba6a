package dev.compactor.jobs.run;

import dev.compactor.domain.PartitionId;
import dev.compactor.domain.Quarantined;
import dev.compactor.domain.Reason;
import dev.compactor.jobs.BuildInfo;
import dev.compactor.jobs.rewrite.PartitionResult;
import dev.compactor.jobs.rewrite.RewriteStats;
import dev.compactor.plan.PartitionWork;
import dev.compactor.plan.Plan;
import dev.compactor.scan.WindowScan;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * Turns what a run planned and what its partitions did into its {@link RunReport} and exit code.
 * Pure: writing the report is {@link RunReportStore}'s job.
 */
final class RunReportBuilder {

  private final RunRequest request;
  private final String runId;
  private final Instant started;

  RunReportBuilder(RunRequest request, String runId, Instant started) {
    this.request = request;
    this.runId = runId;
    this.started = started;
  }

  RunOutcome build(WindowScan scan, Plan plan, List<PartitionResult> results, Instant finished) {
    Map<PartitionId, PartitionResult> byPartition =
        results.stream().collect(Collectors.toMap(PartitionResult::partition, Function.identity()));
    List<RunReport.PartitionLine> lines = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    List<Quarantined> quarantined = new ArrayList<>();
    RewriteStats totals = RewriteStats.ZERO;
    for (PartitionWork work : plan.work()) {
      PartitionResult result = byPartition.get(work.partition());
      if (result != null) {
        totals = totals.plus(result.stats());
        quarantined.addAll(result.quarantined());
        result.error().ifPresent(e -> errors.add(work.partition() + ": " + e));
      }
      lines.add(
          new RunReport.PartitionLine(
              work.partition().toString(),
              work.reason().label(),
              work.detail(),
              outcomeOf(work, result),
              result == null ? 0 : result.stats().recordsIn(),
              result == null ? 0 : result.stats().recordsOut(),
              result == null ? null : result.failure()));
    }
    List<String> unexpected = scan.listing().unexpected();
    ExitCode exit = ExitCode.ofRun(errors.size(), quarantined.size() + unexpected.size());
    long lag =
        scan.oldestPendingChange(plan)
            .map(t -> Duration.between(t, started).toSeconds())
            .orElse(0L);
    RunReport report =
        new RunReport(
            runId,
            request.eventType(),
            request.command() + (request.dryRun() ? " --dry-run" : ""),
            BuildInfo.current().label(),
            plan.window().toString(),
            started.toString(),
            finished.toString(),
            request.dryRun() ? RunStatus.DRY_RUN : RunStatus.of(plan.work().size(), exit),
            exit.code(),
            Duration.between(started, finished).toMillis(),
            Math.max(0, lag),
            reasons(plan),
            scanSummary(scan, plan),
            totals,
            lines,
            quarantined,
            unexpected,
            errors);
    // Spark starts only for a run (not a dry run) with partitions to rebuild.
    boolean sparkStarted = !request.dryRun() && !plan.rewrites().isEmpty();
    return new RunOutcome(exit, plan, report, sparkStarted);
  }

  private static PartitionOutcome outcomeOf(PartitionWork work, PartitionResult result) {
    if (work.reason() == Reason.EMPTIED) {
      return PartitionOutcome.OUTPUTS_DELETED;
    }
    if (result == null) {
      return PartitionOutcome.NOT_RUN;
    }
    return result.succeeded() ? PartitionOutcome.REBUILT : PartitionOutcome.FAILED;
  }

  private static Map<String, Long> reasons(Plan plan) {
    Map<String, Long> reasons = new LinkedHashMap<>();
    plan.countByReason().forEach((reason, count) -> reasons.put(reason.label(), count));
    return reasons;
  }

  private static RunReport.ScanSummary scanSummary(WindowScan scan, Plan plan) {
    return new RunReport.ScanSummary(
        plan.window().size(),
        scan.listRequests(),
        scan.manifests().size(),
        scan.md5Computed(),
        scan.listing().ignored().size());
  }
}
