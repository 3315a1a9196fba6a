package dev.compactor.jobs.verify;

import dev.compactor.domain.Hour;
import dev.compactor.jobs.run.UnexpectedObjects;
import dev.compactor.jobs.status.PartitionList;
import java.util.List;
import java.util.Locale;
import java.util.SortedSet;
import java.util.TreeSet;

/** Prints what verify found as a table, each problem with the command that fixes it. */
public final class ProblemTable {

  private ProblemTable() {}

  /**
   * @param fixPrefix the start of the fix command, e.g. {@code compactor backfill --config c
   *     --event-type t}
   * @param eventType the event type, for the fix of unexpected objects
   */
  public static String render(VerifyResult result, String fixPrefix, String eventType) {
    StringBuilder out = new StringBuilder();
    if (!result.kept().isEmpty()) {
      out.append(
              "input expired, outputs kept: not a problem, their outputs are the record and no fix"
                  + " is needed\n")
          .append(PartitionList.render(result.kept(), "  "));
    }
    if (!result.unexpected().isEmpty()) {
      out.append(
          String.format(
              Locale.ROOT,
              "%d unexpected object(s) under the input prefixes: %s%n",
              result.unexpected().size(),
              UnexpectedObjects.fix(eventType)));
      result.unexpected().forEach(k -> out.append("  ").append(k).append('\n'));
    }
    if (result.problems().isEmpty() && !result.unexpected().isEmpty()) {
      return out.append(
              "no problems found in the outputs; exit 1 for the unexpected object(s) above")
          .toString();
    }
    out.append(render(result.problems(), fixPrefix));
    return out.toString();
  }

  /**
   * @param fixPrefix the start of the fix command, e.g. {@code compactor backfill --config c
   *     --event-type t}
   */
  public static String render(List<Problem> problems, String fixPrefix) {
    if (problems.isEmpty()) {
      return "no problems found";
    }
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT, "%-30s %-17s %-60s %s%n", "PARTITION", "PROBLEM", "DETAIL", "FIX"));
    boolean optionsNeeded = false;
    for (Problem p : problems) {
      Hour h = p.partition().hour();
      optionsNeeded |= !p.fixOptions().isEmpty();
      out.append(
          String.format(
              Locale.ROOT,
              "%-30s %-17s %-60s %s --from %s --to %s%s%n",
              p.partition(),
              p.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'),
              truncate(p.detail(), 60),
              fixPrefix,
              h,
              h,
              p.fixOptions()));
    }
    SortedSet<Hour> hours = new TreeSet<>();
    problems.forEach(p -> hours.add(p.partition().hour()));
    out.append(
        String.format(
            Locale.ROOT,
            "%d problem(s) in %d hour(s). To fix them all: %s --from %s --to %s%n(a backfill"
                + " rebuilds exactly the partitions whose inputs or outputs changed; add --force if"
                + " the manifests themselves are wrong)",
            problems.size(),
            hours.size(),
            fixPrefix,
            hours.first(),
            hours.last()));
    if (optionsNeeded) {
      out.append(
          String.format(
              Locale.ROOT,
              "%nRows whose fix names an option (e.g. --delete-orphans) need "
                  + "their own command: the combined one leaves those objects alone."));
    }
    return out.toString();
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 3) + "...";
  }
}
