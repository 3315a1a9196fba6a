package dev.compactor.jobs.status;

import dev.compactor.domain.Hour;
import dev.compactor.plan.PartitionWork;
import java.util.List;
import java.util.Locale;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Prints a list of partitions that may run to thousands (a week of expired raw input is 24 x 7 x
 * the buckets) as its extent and a few examples, so the lines that need action stay readable.
 */
public final class PartitionList {

  /** Partitions shown one per line before the rest are summed up. */
  static final int EXAMPLES = 5;

  private PartitionList() {}

  /**
   * "{@code n} partition(s) in {@code h} hour(s) (first..last)", then up to {@link #EXAMPLES}
   * lines.
   */
  public static String render(List<PartitionWork> partitions, String indent) {
    SortedSet<Hour> hours =
        partitions.stream()
            .map(w -> w.partition().hour())
            .collect(Collectors.toCollection(TreeSet::new));
    StringBuilder out = new StringBuilder();
    out.append(
        String.format(
            Locale.ROOT,
            "%s%d partition(s) in %d hour(s), %s..%s%n",
            indent,
            partitions.size(),
            hours.size(),
            hours.first(),
            hours.last()));
    partitions.stream()
        .limit(EXAMPLES)
        .forEach(
            w ->
                out.append(
                    String.format(
                        Locale.ROOT,
                        "%s  %-32s %-15s %s%n",
                        indent,
                        w.partition(),
                        w.reason().label(),
                        w.detail())));
    if (partitions.size() > EXAMPLES) {
      out.append(indent)
          .append("  ... and ")
          .append(partitions.size() - EXAMPLES)
          .append(" more\n");
    }
    return out.toString();
  }
}
