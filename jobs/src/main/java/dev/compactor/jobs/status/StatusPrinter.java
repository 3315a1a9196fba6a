package dev.compactor.jobs.status;

import dev.compactor.domain.Hour;
import dev.compactor.jobs.run.RunReport;
import dev.compactor.plan.PartitionWork;
import java.util.Locale;

/** Renders a {@link StatusReport} for a terminal, with the backfill command that picks up late data. */
public final class StatusPrinter {

  private StatusPrinter() {}

  /**
   * @param backfillPrefix the start of the fix command, e.g. {@code compactor backfill --config c --event-type t}
   */
  public static String render(StatusReport status, String backfillPrefix) {
    StringBuilder out = new StringBuilder();
    out.append(status.eventType()).append(": window ").append(status.window())
        .append(" (").append(status.window().size()).append(" h; older hours are settled)\n");
    out.append("  last run: ").append(status.lastRun().map(StatusPrinter::describe).orElse("none yet")).append('\n');
    out.append(String.format(Locale.ROOT, "  %-15s %-10s %10s  %s%n", "HOUR", "STATE", "PARTITIONS", "PENDING"));
    for (StatusReport.HourState h : status.hours()) {
      out.append(String.format(Locale.ROOT, "  %-15s %-10s %10d  %s%n", h.hour(),
          h.state().name().toLowerCase(Locale.ROOT), h.partitions(),
          h.pending() == 0 ? "-" : h.pending() + " (" + h.reasons() + ")"));
    }
    if (status.late().isEmpty()) {
      out.append("  late data outside the window (").append(status.lookback()).append("): none\n");
      return out.toString();
    }
    out.append("  LATE DATA outside the window (").append(status.lookback()).append("): ")
        .append(status.late().size()).append(" partition(s) changed after they were compacted;")
        .append(" the hourly run will not pick these up\n");
    Hour first = status.late().get(0).partition().hour();
    Hour last = first;
    for (PartitionWork w : status.late()) {
      out.append(String.format(Locale.ROOT, "    %-32s %-15s %s%n", w.partition(), w.reason().label(), w.detail()));
      first = w.partition().hour().compareTo(first) < 0 ? w.partition().hour() : first;
      last = w.partition().hour().compareTo(last) > 0 ? w.partition().hour() : last;
    }
    out.append("  fix: ").append(backfillPrefix).append(" --from ").append(first).append(" --to ").append(last).append('\n');
    return out.toString();
  }

  private static String describe(RunReport run) {
    long rebuilt = run.partitions().stream().filter(p -> p.outcome().equals("rebuilt")).count();
    return run.runId() + " (" + run.command() + " " + run.window() + "): " + run.status() + ", exit "
        + run.exitCode() + ", finished " + run.finishedAt() + ", " + rebuilt + " partition(s) rebuilt"
        + (run.quarantined().isEmpty() ? "" : ", " + run.quarantined().size() + " file(s) quarantined")
        + (run.errors().isEmpty() ? "" : ", " + run.errors().size() + " error(s)");
  }
}
