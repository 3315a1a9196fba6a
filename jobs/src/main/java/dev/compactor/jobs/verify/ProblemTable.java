package dev.compactor.jobs.verify;

import dev.compactor.domain.Hour;
import java.util.List;
import java.util.Locale;
import java.util.SortedSet;
import java.util.TreeSet;

/** Prints verification problems as a table, each with the command that fixes it. */
public final class ProblemTable {

  private ProblemTable() {}

  /**
   * @param fixPrefix the start of the fix command, e.g. {@code compactor backfill --config c --event-type t}
   */
  public static String render(List<Problem> problems, String fixPrefix) {
    if (problems.isEmpty()) {
      return "no problems found";
    }
    StringBuilder out = new StringBuilder();
    out.append(String.format(Locale.ROOT, "%-30s %-17s %-60s %s%n", "PARTITION", "PROBLEM", "DETAIL", "FIX"));
    for (Problem p : problems) {
      Hour h = p.partition().hour();
      out.append(String.format(Locale.ROOT, "%-30s %-17s %-60s %s --from %s --to %s%n",
          p.partition(), p.kind().name().toLowerCase(Locale.ROOT).replace('_', '-'), truncate(p.detail(), 60),
          fixPrefix, h, h));
    }
    SortedSet<Hour> hours = new TreeSet<>();
    problems.forEach(p -> hours.add(p.partition().hour()));
    out.append(String.format(Locale.ROOT,
        "%d problem(s) in %d hour(s). To fix them all: %s --from %s --to %s%n"
            + "(a backfill rebuilds exactly the partitions whose inputs or outputs changed; add --force if "
            + "the manifests themselves are wrong)",
        problems.size(), hours.size(), fixPrefix, hours.first(), hours.last()));
    return out.toString();
  }

  private static String truncate(String s, int max) {
    return s.length() <= max ? s : s.substring(0, max - 3) + "...";
  }
}
