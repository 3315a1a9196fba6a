package dev.compactor.jobs.cli;

import dev.compactor.domain.Hour;
import dev.compactor.domain.Window;
import picocli.CommandLine.Option;

/** {@code --from H --to H}: an inclusive range of hours, for backfill and verify. */
final class HourRange {

  @Option(
      names = "--from",
      required = true,
      paramLabel = "HOUR",
      converter = OptionTypes.HourValue.class,
      description = "First hour of the range, e.g. 2026-11-01T00.")
  private Hour from;

  @Option(
      names = "--to",
      required = true,
      paramLabel = "HOUR",
      converter = OptionTypes.HourValue.class,
      description = "Last hour of the range (inclusive).")
  private Hour to;

  Window window() {
    if (to.compareTo(from) < 0) {
      throw new UsageException("--to " + to + " is before --from " + from);
    }
    return new Window(from, to);
  }
}
