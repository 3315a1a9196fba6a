package dev.compactor.jobs.cli;

import dev.compactor.config.CompactorConfig;
import dev.compactor.jobs.run.Command;
import dev.compactor.jobs.run.PlanPrinter;
import dev.compactor.jobs.run.RunOutcome;
import picocli.CommandLine.Option;

/** {@code compactor plan}: a dry run of {@code run}. */
@picocli.CommandLine.Command(
    name = "plan",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Dry run: lists the partitions 'run' would rebuild, why, and what it would read. Changes"
          + " nothing and takes no lock.",
      ""
    })
final class PlanCommand extends WindowCommand {

  @Option(
      names = "--json",
      description =
          "Print the plan as one JSON document (fields: submit/README.md, 'Plans and status as"
              + " JSON').")
  boolean json;

  PlanCommand(Session session) {
    super(session);
  }

  @Override
  public Integer call() {
    CompactorConfig config = session.load(configOptions);
    RunOutcome outcome = run(config, Command.PLAN, true, new LockWait());
    if (json) {
      session.out.println(PlanJson.of(outcome, config));
    } else {
      session.out.print(PlanPrinter.details(outcome.plan()));
      session.out.println(RunSummary.of(outcome.report(), config));
    }
    return outcome.exitCode().code();
  }
}
