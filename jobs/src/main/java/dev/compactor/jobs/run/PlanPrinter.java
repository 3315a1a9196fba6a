package dev.compactor.jobs.run;

import dev.compactor.plan.PartitionWork;
import dev.compactor.plan.Plan;
import java.util.Locale;
import java.util.stream.Collectors;

/**
 * Human-readable plans: a one-line summary, and one line per partition to work on with its reason.
 */
public final class PlanPrinter {

  private PlanPrinter() {}

  public static String summary(String eventType, Plan plan) {
    String reasons =
        plan.countByReason().entrySet().stream()
            .map(e -> e.getKey().label() + "=" + e.getValue())
            .collect(Collectors.joining(" "));
    return String.format(
        Locale.ROOT,
        "plan %s %s: %d partition(s) seen, %d to rebuild, %d to clear; %d file(s), %.1f MB to read"
            + " [%s]",
        eventType,
        plan.window(),
        plan.partitions().size(),
        plan.rewrites().size(),
        plan.work().size() - plan.rewrites().size(),
        plan.filesToRead(),
        plan.bytesToRead() / 1e6,
        reasons.isEmpty() ? "no data" : reasons);
  }

  public static String details(Plan plan) {
    StringBuilder out = new StringBuilder();
    for (PartitionWork work : plan.work()) {
      out.append(
          String.format(
              Locale.ROOT,
              "  %-32s %-15s %5d file(s) %9.1f MB  %s%n",
              work.partition(),
              work.reason().label(),
              work.inputs().size(),
              work.inputBytes() / 1e6,
              work.detail()));
    }
    return out.toString();
  }
}
