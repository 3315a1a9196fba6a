package dev.compactor.jobs.bench;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/** The benchmark's goals, each judged from ratios measured in the same run. */
final class BenchGoals {

  /** One goal: what was asked, what was measured, whether it was met. */
  record Goal(String name, String target, String measured, boolean met) {}

  private final List<Measurement> all;

  BenchGoals(List<Measurement> all) {
    this.all = all;
  }

  List<Goal> evaluate() {
    List<Goal> goals = new ArrayList<>();
    find("first-run", 1, "ours")
        .ifPresent(
            ours -> {
              find("first-run", 1, "baseline")
                  .ifPresent(
                      base -> {
                        double speedup = base.wallSeconds() / ours.wallSeconds();
                        goals.add(
                            new Goal(
                                "first-run speed vs baseline",
                                ">= 4x faster",
                                fmt(speedup) + "x",
                                speedup >= 4));
                      });
              find("first-run", 1, "floor")
                  .ifPresent(
                      floor -> {
                        double ratio = ours.wallSeconds() / floor.wallSeconds();
                        goals.add(
                            new Goal(
                                "first-run wall time vs floor",
                                "<= 1.5x",
                                fmt(ratio) + "x",
                                ratio <= 1.5));
                      });
            });
    find("steady-state", 1, "ours")
        .ifPresent(
            ours ->
                find("steady-state", 1, "baseline")
                    .ifPresent(
                        base -> {
                          double time = base.wallSeconds() / ours.wallSeconds();
                          double bytes = base.bytesRead() / (double) Math.max(1, ours.bytesRead());
                          goals.add(
                              new Goal(
                                  "steady-state wall time vs baseline",
                                  ">= 10x less",
                                  fmt(time) + "x",
                                  time >= 10));
                          goals.add(
                              new Goal(
                                  "steady-state bytes read vs baseline",
                                  ">= 10x fewer",
                                  fmt(bytes) + "x",
                                  bytes >= 10));
                        }));
    find("replay", 1, "ours")
        .ifPresent(
            replay ->
                find("first-run", 1, "ours")
                    .ifPresent(
                        first -> {
                          double share = replay.wallSeconds() / first.wallSeconds();
                          goals.add(
                              new Goal(
                                  "replay wall time vs first-run",
                                  "<= 0.5x",
                                  fmt(share) + "x",
                                  share <= 0.5));
                        }));
    find("no-change", 1, "ours")
        .ifPresent(
            ours -> {
              long lists = ours.request("LIST");
              boolean noData = ours.inputGets() == 0;
              goals.add(
                  new Goal(
                      "no-change reads no data",
                      "0 input GETs",
                      ours.inputGets() + " input GETs",
                      noData));
              // Manifest reads and the lock (state/) are allowed; output day listings are not,
              // though the job
              // makes them on purpose to notice deleted outputs.
              Map<String, Long> byRoot = ours.listsByRoot();
              goals.add(
                  new Goal(
                      "no-change LISTs",
                      "<= 1 per hour prefix (" + BenchSize.WINDOW_HOURS + ") + state",
                      lists
                          + " (input "
                          + byRoot.get("input")
                          + ", output "
                          + byRoot.get("output")
                          + ", state "
                          + byRoot.get("state")
                          + ")",
                      byRoot.get("input") <= BenchSize.WINDOW_HOURS
                          && byRoot.get("output") == 0
                          && byRoot.get("other") == 0));
              goals.add(
                  new Goal(
                      "no-change wall time",
                      "< 2 s after JVM start",
                      fmt(ours.wallSeconds()) + " s",
                      ours.wallSeconds() < 2));
            });
    find("first-run", 1, "ours")
        .ifPresent(
            first ->
                find("steady-state", 1, "ours")
                    .ifPresent(
                        steady -> {
                          // Live heap (after GC), not peak used: peak used grows with the garbage a
                          // longer run lets pile up.
                          double ratio =
                              first.heapAfterGcBytes()
                                  / (double) Math.max(1, steady.heapAfterGcBytes());
                          goals.add(
                              new Goal(
                                  "memory bounded by partition, not window",
                                  "first-run live heap <= 1.5x steady-state's (12x less data)",
                                  fmt(ratio)
                                      + "x ("
                                      + mb(first.heapAfterGcBytes())
                                      + " vs "
                                      + mb(steady.heapAfterGcBytes())
                                      + " MB)",
                                  ratio <= 1.5));
                        }));
    scale(goals);
    return goals;
  }

  /** Cost grows linearly with data: seconds per input MB at the largest factor vs 1x. */
  private void scale(List<Goal> goals) {
    int top = all.stream().mapToInt(Measurement::factor).max().orElse(1);
    if (top == 1) {
      return;
    }
    find("first-run", 1, "ours")
        .ifPresent(
            one ->
                find("first-run", top, "ours")
                    .ifPresent(
                        big -> {
                          double perMbOne = one.wallSeconds() / (one.windowInputBytes() / 1e6);
                          double perMbBig = big.wallSeconds() / (big.windowInputBytes() / 1e6);
                          goals.add(
                              new Goal(
                                  "first-run cost linear in data",
                                  "s/MB at " + top + "x <= 1.2x s/MB at 1x",
                                  fmt(perMbBig / perMbOne) + "x",
                                  perMbBig <= perMbOne * 1.2));
                        }));
    find("steady-state", top, "ours")
        .ifPresent(
            steady ->
                find("first-run", top, "ours")
                    .ifPresent(
                        first -> {
                          double share = steady.bytesRead() / (double) first.bytesRead();
                          goals.add(
                              new Goal(
                                  "steady-state reads changed data, not the window",
                                  "bytes read at " + top + "x <= 20% of the window",
                                  Math.round(share * 100) + "%",
                                  share <= 0.2));
                        }));
  }

  private Optional<Measurement> find(String scenario, int factor, String contestant) {
    return all.stream()
        .filter(
            m ->
                m.scenario().equals(scenario)
                    && m.factor() == factor
                    && m.contestant().equals(contestant))
        .findFirst();
  }

  private static String fmt(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  private static long mb(long bytes) {
    return Math.round(bytes / 1e6);
  }
}
