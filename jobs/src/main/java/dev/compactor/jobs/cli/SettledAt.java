package dev.compactor.jobs.cli;

import dev.compactor.domain.Hour;
import dev.compactor.plan.Settlement;
import java.util.Optional;
import picocli.CommandLine.Option;

/**
 * {@code --at H} for commands over a range of any age (backfill, verify): the hourly window ending
 * there decides which hours are settled, where outputs are the record and are kept.
 */
final class SettledAt {

  @Option(
      names = "--at",
      paramLabel = "HOUR",
      converter = OptionTypes.HourValue.class,
      description =
          "The hourly window's last hour, which decides what is settled (default: the current"
              + " hour, UTC).")
  private Hour at;

  /** Hours older than the hourly window of {@code windowHours} are settled; nothing deleted. */
  Settlement keepAll(int windowHours) {
    return Settlement.keepAll(
        Optional.ofNullable(at).orElseGet(OptionTypes::thisHour), windowHours);
  }
}
