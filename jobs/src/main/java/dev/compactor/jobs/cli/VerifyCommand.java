package dev.compactor.jobs.cli;

import dev.compactor.config.CompactorConfig;
import dev.compactor.domain.Hour;
import dev.compactor.domain.Window;
import dev.compactor.jobs.run.ExitCode;
import dev.compactor.jobs.run.SparkProvider;
import dev.compactor.jobs.verify.ProblemTable;
import dev.compactor.jobs.verify.VerifyJob;
import dev.compactor.jobs.verify.VerifyResult;
import dev.compactor.plan.Settlement;
import dev.compactor.store.Storage;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Set;

/**
 * {@code compactor verify --from H --to H}: outputs against inputs; exit 1 when anything is wrong.
 */
final class VerifyCommand {

  private static final Set<String> OPTIONS =
      Set.of("--config", "--event-type", "--from", "--to", "--at");

  private final PrintStream out;
  private final PrintStream err;
  private final SparkProvider spark;

  VerifyCommand(PrintStream out, PrintStream err, SparkProvider spark) {
    this.out = out;
    this.err = err;
    this.spark = spark;
  }

  int execute(Arguments args, CompactorConfig config) {
    args.rejectOthers(OPTIONS);
    String eventType = args.required("--event-type");
    Window range = Compactor.range(args);
    Hour at = args.option("--at").map(Compactor::hour).orElse(Hour.containing(Instant.now()));
    Settlement settlement = Settlement.keepAll(at, config.eventType(eventType).windowHours());
    try (Storage storage = Storage.open(config)) {
      VerifyResult result =
          new VerifyJob(config, storage, spark, err).verify(eventType, range, settlement);
      String fix =
          "compactor backfill --config " + args.required("--config") + " --event-type " + eventType;
      out.println(ProblemTable.render(result, fix, eventType));
      return result.hasProblems() ? ExitCode.FAILED.code() : ExitCode.DONE.code();
    }
  }
}
