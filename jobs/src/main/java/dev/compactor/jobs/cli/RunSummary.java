package dev.compactor.jobs.cli;

import dev.compactor.config.CompactorConfig;
import dev.compactor.jobs.run.RunReport;
import dev.compactor.jobs.run.UnexpectedObjects;
import java.util.Locale;

/** The few lines a person reads after a run: what happened, how much, and where things are. */
final class RunSummary {

  private RunSummary() {}

  static String of(RunReport report, CompactorConfig config) {
    var t = report.totals();
    StringBuilder s = new StringBuilder();
    s.append(
        String.format(
            Locale.ROOT,
            "%s %s %s: %s (exit %d) - %d partition(s) rebuilt, %d file(s) / %.1f MB read, "
                + "%d records in, %d out, %d duplicates dropped, %d file(s) quarantined, %.1f MB written",
            report.command(), report.eventType(), report.window(), report.status(), report.exitCode(),
            report.partitions().stream().filter(p -> p.outcome().equals("rebuilt")).count(),
            t.filesRead(), t.bytesRead() / 1e6, t.recordsIn(), t.recordsOut(), t.duplicatesDropped(),
            report.quarantined().size(), t.bytesWritten() / 1e6));
    s.append("\n  outputs: ").append(config.outputRoot().resolve("avro/" + report.eventType()))
        .append(" and ").append(config.outputRoot().resolve("parquet/" + report.eventType()));
    s.append("\n  run report: ").append(config.stateRoot().resolve("_runs/" + report.eventType() + "/" + report.runId() + ".json"));
    report.quarantined().forEach(q -> s.append("\n  quarantined ").append(q.key()).append(": ").append(q.reason()));
    if (!report.unexpected().isEmpty()) {
      s.append("\n  ").append(report.unexpected().size()).append(" unexpected object(s) under the input prefixes (exit 4): ")
          .append(UnexpectedObjects.fix(report.eventType()));
      report.unexpected().forEach(k -> s.append("\n  unexpected ").append(k));
    }
    report.errors().forEach(e -> s.append("\n  error ").append(e));
    return s.toString();
  }
}
