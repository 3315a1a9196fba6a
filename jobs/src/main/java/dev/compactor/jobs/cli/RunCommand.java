package dev.compactor.jobs.cli;

import dev.compactor.config.CompactorConfig;
import dev.compactor.jobs.run.Command;
import dev.compactor.jobs.run.EmfMetrics;
import dev.compactor.jobs.run.PlanPrinter;
import dev.compactor.jobs.run.RunOutcome;
import java.time.Instant;
import java.util.Optional;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code compactor run}: the hourly job. */
@picocli.CommandLine.Command(
    name = "run",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Rebuilds the partitions of the window whose input changed since the last run, then"
          + " prints a summary and one EMF metrics line.",
      ""
    })
final class RunCommand extends WindowCommand implements Metered {

  @Option(
      names = "--dry-run",
      description = "Print the plan and change nothing (the same as 'compactor plan').")
  boolean dryRun;

  @Mixin LockWait lockWait;

  RunCommand(Session session) {
    super(session);
  }

  @Override
  public Integer call() {
    CompactorConfig config = session.load(configOptions);
    RunOutcome outcome = run(config, Command.RUN, dryRun, lockWait);
    if (dryRun) {
      session.out.print(PlanPrinter.details(outcome.plan()));
    }
    session.out.println(RunSummary.of(outcome.report(), config));
    if (!dryRun) {
      session.out.println(EmfMetrics.line(outcome.report(), config.metrics(), Instant.now()));
    }
    return outcome.exitCode().code();
  }

  @Override
  public Optional<String> eventType() {
    return Optional.ofNullable(eventType.name);
  }

  @Override
  public boolean dryRun() {
    return dryRun;
  }
}
