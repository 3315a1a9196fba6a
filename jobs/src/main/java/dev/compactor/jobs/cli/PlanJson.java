package dev.compactor.jobs.cli;

import dev.compactor.config.CompactorConfig;
import dev.compactor.jobs.run.RunOutcome;
import dev.compactor.jobs.run.RunReport;
import dev.compactor.layout.Layout;
import dev.compactor.plan.CostEstimate;
import dev.compactor.plan.Plan;
import java.util.List;
import java.util.Map;

/**
 * {@code plan --json}: one document with every partition of the window, its reason and action, and
 * the cost preview, for orchestrators that decide whether (or how big) to run.
 *
 * @param formatVersion {@link JsonDocuments#FORMAT_VERSION}
 * @param compactorVersion the build that planned, e.g. {@code 0.1.0 (3f2a9c1)}
 * @param eventType the event type
 * @param window the hours planned
 * @param settingsFingerprint the digest of the settings outputs are built with
 * @param summary counts over the partitions
 * @param cost what the run would cost
 * @param unexpected keys under the input prefixes that are neither input nor ignored
 * @param partitions every partition seen, in key order, with what the run would do to it
 */
record PlanJson(
    int formatVersion,
    String compactorVersion,
    String eventType,
    JsonDocuments.Hours window,
    String settingsFingerprint,
    Summary summary,
    Cost cost,
    List<String> unexpected,
    List<JsonDocuments.Partition> partitions) {

  /**
   * @param partitionsSeen partitions with input or output in the window
   * @param toRebuild partitions the run would rebuild
   * @param toDeleteOutputs partitions whose outputs the run would delete
   * @param filesToRead input files the rebuilds read
   * @param bytesToRead their total size
   * @param reasons partitions to work on, per reason label
   */
  record Summary(
      int partitionsSeen,
      int toRebuild,
      int toDeleteOutputs,
      long filesToRead,
      long bytesToRead,
      Map<String, Long> reasons) {}

  /**
   * @param requests S3 requests by type
   * @param usdRequests request charges
   * @param usdCompute compute charges, from the configured throughput per vCPU
   * @param usdTotal their sum
   */
  record Cost(Requests requests, double usdRequests, double usdCompute, double usdTotal) {
    static Cost of(CostEstimate estimate) {
      return new Cost(
          new Requests(
              estimate.list(), estimate.get(), estimate.head(), estimate.put(), estimate.delete()),
          estimate.usdRequests(),
          estimate.usdCompute(),
          estimate.usdTotal());
    }
  }

  /** S3 requests by type; LISTs and manifest GETs of planning are already spent. */
  record Requests(long list, long get, long head, long put, long delete) {}

  static String of(RunOutcome outcome, CompactorConfig config) {
    Plan plan = outcome.plan();
    RunReport report = outcome.report();
    Layout layout = config.eventType(report.eventType()).layout();
    CostEstimate cost =
        CostEstimate.of(
            plan, report.scan().listRequests(), report.scan().manifestsRead(), config.prices());
    return JsonDocuments.write(
        new PlanJson(
            JsonDocuments.FORMAT_VERSION,
            JsonDocuments.compactorVersion(),
            report.eventType(),
            JsonDocuments.Hours.of(plan.window()),
            plan.settingsFingerprint(),
            new Summary(
                plan.partitions().size(),
                plan.rewrites().size(),
                plan.work().size() - plan.rewrites().size(),
                plan.filesToRead(),
                plan.bytesToRead(),
                report.reasons()),
            Cost.of(cost),
            report.unexpected(),
            plan.partitions().stream()
                .map(p -> JsonDocuments.Partition.of(p, layout, config.outputRoot()))
                .toList()));
  }
}
