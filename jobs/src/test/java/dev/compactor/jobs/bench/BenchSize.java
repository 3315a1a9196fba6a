package dev.compactor.jobs.bench;

import java.util.List;

/**
 * How big a benchmark is. Every size is a 12-hour window; {@code scales} are the data multipliers
 * of the scale scenario (1 is the first-run scenario itself).
 *
 * @param name small, medium or large
 * @param eventsPerHour distinct events per hour at 1x
 * @param buckets hash buckets per hour
 * @param flushesPerHour files per partition per hour
 * @param heap the maximum heap every contestant's JVM gets, e.g. {@code 2g}
 * @param scales data multipliers, starting with 1
 */
public record BenchSize(
    String name,
    int eventsPerHour,
    int buckets,
    int flushesPerHour,
    String heap,
    List<Integer> scales) {

  public static final int WINDOW_HOURS = 12;

  /**
   * small: CI smoke size (scales 1x and 2x only, to stay short); medium: minutes on 2 cores; large:
   * for a real machine.
   */
  public static BenchSize of(String name) {
    return switch (name) {
      case "small" -> new BenchSize(name, 1_000, 4, 3, "1g", List.of(1, 2));
      case "medium" -> new BenchSize(name, 50_000, 32, 12, "3g", List.of(1, 2, 4));
      case "large" -> new BenchSize(name, 400_000, 32, 12, "8g", List.of(1, 2, 4));
      default ->
          throw new IllegalArgumentException(
              "unknown benchmark size '" + name + "': use small, medium or large");
    };
  }
}
