package dev.compactor.jobs.cli;

import dev.compactor.config.CompactorConfig;
import dev.compactor.config.EventTypeConfig;
import dev.compactor.config.ParquetTable;
import dev.compactor.jobs.run.RunReport;
import dev.compactor.jobs.run.UnexpectedObjects;
import dev.compactor.layout.Layout;
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
            "%s %s %s: %s (exit %d) - %d partition(s) rebuilt, %d file(s) / %.1f MB read, %d"
                + " records in, %d out, %d duplicates dropped, %d file(s) quarantined, %.1f MB"
                + " written",
            report.command(),
            report.eventType(),
            report.window(),
            report.status(),
            report.exitCode(),
            report.rebuilt(),
            t.filesRead(),
            t.bytesRead() / 1e6,
            t.recordsIn(),
            t.recordsOut(),
            t.duplicatesDropped(),
            report.quarantined().size(),
            t.bytesWritten() / 1e6));
    EventTypeConfig eventType = config.eventType(report.eventType());
    Layout layout = eventType.layout();
    s.append("\n  outputs: ")
        .append(config.outputRoot().resolve(layout.dataFolder(Layout.AVRO)))
        .append(" and ")
        .append(parquetOutput(config, eventType));
    s.append("\n  run report: ")
        .append(config.stateRoot().resolve(layout.runReportKey(report.runId())));
    if (t.filesEtagNotMd5() > 0) {
      s.append("\n  ").append(etagsNotMd5(t.filesEtagNotMd5()));
    }
    report
        .quarantined()
        .forEach(q -> s.append("\n  quarantined ").append(q.key()).append(": ").append(q.reason()));
    if (!report.unexpected().isEmpty()) {
      s.append("\n  ")
          .append(report.unexpected().size())
          .append(" unexpected object(s) under the input prefixes (exit 4): ")
          .append(UnexpectedObjects.fix(report.eventType()));
      report.unexpected().forEach(k -> s.append("\n  unexpected ").append(k));
    }
    report.errors().forEach(e -> s.append("\n  error ").append(e));
    return s.toString();
  }

  /** Where the Parquet copy is: its Hive-style folder, or the Iceberg table and its data files. */
  static String parquetOutput(CompactorConfig config, EventTypeConfig eventType) {
    Layout layout = eventType.layout();
    if (eventType.parquetTable() == ParquetTable.ICEBERG) {
      return "the Iceberg table "
          + config.iceberg().namespace()
          + "."
          + eventType.name()
          + " (data files under "
          + config.outputRoot().resolve(layout.tableDataFolder())
          + ")";
    }
    return config.outputRoot().resolve(layout.dataFolder(Layout.PARQUET)).toString();
  }

  /**
   * One line for the whole run, however many files. S3 gives SSE-KMS and SSE-C objects a 32-hex
   * ETag that is not their MD5; the rebuild found that out and cured it without failing anything.
   * With {@code s3.etag-is-md5=false} planning would instead read every new file once more to
   * compute its MD5, so the default stays the cheaper setting: the line informs, it asks for no
   * fix.
   */
  static String etagsNotMd5(long files) {
    return files
        + " input file(s) have ETags that are not their MD5 (SSE-KMS or SSE-C); their MD5s were"
        + " computed from the bytes read and are kept in the manifests, so each cost one extra HEAD"
        + " request, once. Nothing to change (s3.etag-is-md5=false would read every new file twice"
        + " instead).";
  }
}
