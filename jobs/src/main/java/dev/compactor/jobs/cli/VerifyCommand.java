package dev.compactor.jobs.cli;

import dev.compactor.config.CompactorConfig;
import dev.compactor.jobs.run.ExitCode;
import dev.compactor.jobs.verify.ProblemTable;
import dev.compactor.jobs.verify.VerifyJob;
import dev.compactor.jobs.verify.VerifyResult;
import dev.compactor.plan.Settlement;
import dev.compactor.store.Storage;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/**
 * {@code compactor verify --from H --to H}: outputs against inputs; exit 1 when anything is wrong.
 */
@Command(
    name = "verify",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Checks the outputs of --from..--to against their inputs and manifests, and prints each"
          + " problem with the command that fixes it. Changes nothing; exits 1 on any problem.",
      ""
    })
final class VerifyCommand implements Callable<Integer> {

  private final Session session;

  @Mixin private ConfigOptions configOptions;
  @Mixin private EventTypeOption eventType;
  @Mixin private HourRange range;

  @Mixin private SettledAt settledAt;

  VerifyCommand(Session session) {
    this.session = session;
  }

  @Override
  public Integer call() {
    CompactorConfig config = session.load(configOptions);
    Settlement settlement = settledAt.keepAll(config.eventType(eventType.name).windowHours());
    try (Storage storage = Storage.open(config)) {
      VerifyResult result =
          new VerifyJob(config, storage, session::spark, session.err)
              .verify(eventType.name, range.window(), settlement);
      String fix =
          "compactor backfill --config " + configOptions.file() + " --event-type " + eventType.name;
      session.out.println(ProblemTable.render(result, fix, eventType.name));
      return result.hasProblems() ? ExitCode.FAILED.code() : ExitCode.DONE.code();
    }
  }
}
