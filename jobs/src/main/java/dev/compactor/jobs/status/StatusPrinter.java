package dev.compactor.jobs.status;

import dev.compactor.domain.Hour;
import dev.compactor.domain.Reason;
import dev.compactor.jobs.run.RunReport;
import dev.compactor.jobs.run.UnexpectedObjects;
import dev.compactor.plan.PartitionWork;
import java.util.List;
import java.util.Locale;

/**
 * Renders a {@link StatusReport} for a terminal, with the backfill command that picks up late data.
 */
public final class StatusPrinter {

  private StatusPrinter() {}

  /**
   * @param backfillPrefix the start of the fix command, e.g. {@code compactor backfill --config c
   *     --event-type t}
   */
  public static String render(StatusReport status, String backfillPrefix) {
    StringBuilder out = new StringBuilder();
    out.append(status.eventType())
        .append(": window ")
        .append(status.window())
        .append(" (")
        .append(status.window().size())
        .append(" h; older hours are settled)\n");
    out.append("  last run: ")
        .append(status.lastRun().map(StatusPrinter::describe).orElse("none yet"))
        .append('\n');
    out.append(
        String.format(
            Locale.ROOT, "  %-15s %-10s %10s  %s%n", "HOUR", "STATE", "PARTITIONS", "PENDING"));
    for (StatusReport.HourState h : status.hours()) {
      out.append(
          String.format(
              Locale.ROOT,
              "  %-15s %-10s %10d  %s%n",
              h.hour(),
              h.state().name().toLowerCase(Locale.ROOT),
              h.partitions(),
              h.pending() == 0 ? "-" : h.pending() + " (" + h.reasons() + ")"));
    }
    renderUnexpected(status, out);
    renderSettled(status, backfillPrefix, out);
    if (status.late().isEmpty()) {
      out.append("  late data outside the window (").append(status.lookback()).append("): none\n");
      return out.toString();
    }
    out.append("  LATE DATA outside the window (")
        .append(status.lookback())
        .append("): ")
        .append(status.late().size())
        .append(" partition(s) changed after they were compacted;")
        .append(" the hourly run will not pick these up\n");
    status.late().forEach(w -> out.append(line(w)));
    out.append("  fix: ").append(backfillPrefix).append(range(status.late())).append('\n');
    return out.toString();
  }

  private static void renderUnexpected(StatusReport status, StringBuilder out) {
    if (status.unexpected().isEmpty()) {
      return;
    }
    out.append("  UNEXPECTED OBJECTS under the input prefixes: ")
        .append(status.unexpected().size())
        .append("; fix: ")
        .append(UnexpectedObjects.fix(status.eventType()))
        .append('\n');
    status.unexpected().forEach(k -> out.append("    ").append(k).append('\n'));
  }

  private static void renderSettled(StatusReport status, String backfillPrefix, StringBuilder out) {
    List<PartitionWork> expired =
        status.settled().kept().stream().filter(w -> w.reason() == Reason.INPUT_EXPIRED).toList();
    List<PartitionWork> orphans =
        status.settled().kept().stream().filter(w -> w.reason() == Reason.ORPHAN_KEPT).toList();
    if (!expired.isEmpty()) {
      out.append(
              "  input expired, outputs kept: settled partitions whose raw input is gone; their"
                  + " outputs are the record, nothing to fix\n")
          .append(PartitionList.render(expired, "    "));
    }
    if (!orphans.isEmpty()) {
      out.append(
              "  orphan outputs kept: settled partitions with output objects no manifest entry"
                  + " names and no input\n")
          .append(PartitionList.render(orphans, "    "));
      out.append("  fix (deletes those objects, naming each): ")
          .append(backfillPrefix)
          .append(range(orphans))
          .append(" --delete-orphans\n");
    }
    if (status.settled().otherSettings() > 0) {
      out.append("  settings changed since ")
          .append(status.settled().otherSettings())
          .append(" settled partition(s) were built; a backfill of their hours rebuilds them\n");
    }
  }

  private static String line(PartitionWork w) {
    return String.format(
        Locale.ROOT, "    %-32s %-15s %s%n", w.partition(), w.reason().label(), w.detail());
  }

  private static String range(List<PartitionWork> partitions) {
    Hour first = partitions.get(0).partition().hour();
    Hour last = first;
    for (PartitionWork w : partitions) {
      first = w.partition().hour().compareTo(first) < 0 ? w.partition().hour() : first;
      last = w.partition().hour().compareTo(last) > 0 ? w.partition().hour() : last;
    }
    return " --from " + first + " --to " + last;
  }

  private static String describe(RunReport run) {
    long rebuilt = run.rebuilt();
    return run.runId()
        + " ("
        + run.command()
        + " "
        + run.window()
        + "): "
        + run.status()
        + ", exit "
        + run.exitCode()
        + ", finished "
        + run.finishedAt()
        + ", "
        + rebuilt
        + " partition(s) rebuilt"
        + (run.quarantined().isEmpty()
            ? ""
            : ", " + run.quarantined().size() + " file(s) quarantined")
        + (run.errors().isEmpty() ? "" : ", " + run.errors().size() + " error(s)");
  }
}
