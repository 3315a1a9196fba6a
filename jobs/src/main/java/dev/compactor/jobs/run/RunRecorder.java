package dev.compactor.jobs.run;

import dev.compactor.domain.Quarantined;
import dev.compactor.domain.Reason;
import dev.compactor.jobs.rewrite.PartitionResult;
import dev.compactor.jobs.rewrite.RewriteStats;
import dev.compactor.layout.Layout;
import dev.compactor.manifest.ManifestCodec;
import dev.compactor.plan.PartitionWork;
import dev.compactor.plan.Plan;
import dev.compactor.scan.WindowScan;
import dev.compactor.store.Storage;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;

/** Collects what a run did into its {@link RunReport}, decides the exit code and stores the report. */
final class RunRecorder {

  private static final DateTimeFormatter RUN_ID_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'").withZone(ZoneOffset.UTC);

  private final RunRequest request;
  private final Instant started;
  private final String runId;
  private WindowScan scan;

  RunRecorder(RunRequest request, Instant started) {
    this.request = request;
    this.started = started;
    byte[] random = new byte[3];
    new SecureRandom().nextBytes(random);
    this.runId = RUN_ID_TIME.format(started) + "-" + HexFormat.of().formatHex(random);
  }

  String runId() {
    return runId;
  }

  void planned(WindowScan scan) {
    this.scan = scan;
  }

  /** Builds the report; writes it under {@code _runs/} unless {@code storage} is null (dry run). */
  RunOutcome finish(Plan plan, List<PartitionResult> results, boolean sparkStarted, Storage storage) {
    Map<dev.compactor.domain.PartitionId, PartitionResult> byPartition =
        results.stream().collect(Collectors.toMap(PartitionResult::partition, Function.identity()));
    List<RunReport.PartitionLine> lines = new ArrayList<>();
    List<String> errors = new ArrayList<>();
    List<Quarantined> quarantined = new ArrayList<>();
    RewriteStats totals = RewriteStats.ZERO;
    for (PartitionWork work : plan.work()) {
      PartitionResult result = byPartition.get(work.partition());
      String outcome = outcomeOf(work, result);
      if (result != null) {
        totals = totals.plus(result.stats());
        quarantined.addAll(result.quarantined());
        result.error().ifPresent(e -> errors.add(work.partition() + ": " + e));
      }
      lines.add(
          new RunReport.PartitionLine(
              work.partition().toString(), work.reason().label(), work.detail(), outcome,
              result == null ? 0 : result.stats().recordsIn(),
              result == null ? 0 : result.stats().recordsOut(),
              result == null ? null : result.failure()));
    }
    List<String> unexpected = scan.listing().unexpected();
    ExitCode exit =
        !errors.isEmpty()
            ? ExitCode.FAILED
            : !quarantined.isEmpty() || !unexpected.isEmpty() ? ExitCode.PARTIAL : ExitCode.DONE;
    Instant finished = Instant.now();
    long lag =
        scan.oldestPendingChange(plan).map(t -> Duration.between(t, started).toSeconds()).orElse(0L);
    RunReport report =
        new RunReport(
            runId, request.eventType(), request.command() + (request.dryRun() ? " --dry-run" : ""),
            plan.window().toString(), started.toString(), finished.toString(),
            status(plan, exit), exit.code(), Duration.between(started, finished).toMillis(), Math.max(0, lag),
            reasons(plan), scanSummary(plan), totals, lines, quarantined, unexpected, errors);
    if (storage != null) {
      String key = storage.state().key(new Layout(request.eventType(), 2).runReportKey(runId));
      storage.state().store().put(key, ManifestCodec.write(report));
    }
    return new RunOutcome(exit, plan, report, sparkStarted);
  }

  private static String outcomeOf(PartitionWork work, PartitionResult result) {
    if (work.reason() == Reason.EMPTIED) {
      return "outputs deleted";
    }
    if (result == null) {
      return "not run";
    }
    return result.succeeded() ? "rebuilt" : "failed";
  }

  private String status(Plan plan, ExitCode exit) {
    if (request.dryRun()) {
      return "dry-run";
    }
    if (plan.isEmpty() && exit == ExitCode.DONE) {
      return "nothing-to-do";
    }
    return switch (exit) {
      case DONE -> "succeeded";
      case PARTIAL -> "partial";
      default -> "failed";
    };
  }

  private static Map<String, Long> reasons(Plan plan) {
    Map<String, Long> reasons = new LinkedHashMap<>();
    plan.countByReason().forEach((reason, count) -> reasons.put(reason.label(), count));
    return reasons;
  }

  private RunReport.ScanSummary scanSummary(Plan plan) {
    return new RunReport.ScanSummary(
        plan.window().size(), scan.listRequests(), scan.manifests().size(), scan.md5Computed(),
        scan.listing().ignored().size());
  }
}
