package dev.compactor.jobs.cli;

import dev.compactor.config.CompactorConfig;
import dev.compactor.config.EventTypeConfig;
import dev.compactor.domain.Hour;
import dev.compactor.domain.Window;
import dev.compactor.jobs.generate.ClickSchema;
import dev.compactor.jobs.generate.GeneratedSummary;
import dev.compactor.jobs.generate.GeneratorSpec;
import dev.compactor.jobs.generate.SampleDataGenerator;
import dev.compactor.jobs.run.ExitCode;
import dev.compactor.store.ObjectStore;
import dev.compactor.store.ObjectStores;
import java.io.PrintStream;
import java.time.Instant;
import java.util.Set;

/** {@code compactor generate}: sample raw partitions for a window, seeded and reproducible. */
final class GenerateCommand {

  private static final Set<String> OPTIONS =
      Set.of(
          "--config",
          "--event-type",
          "--at",
          "--hours",
          "--events-per-hour",
          "--duplicate-rate",
          "--flushes-per-hour",
          "--seed",
          "--threads");

  private final PrintStream out;
  private final PrintStream err;

  GenerateCommand(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  int execute(Arguments args, CompactorConfig config) {
    args.rejectOthers(OPTIONS);
    EventTypeConfig eventType = config.eventType(args.required("--event-type"));
    try {
      ClickSchema.requireReadableAs(eventType.schema());
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    Hour last = args.option("--at").map(Compactor::hour).orElse(Hour.containing(Instant.now()));
    int hours = args.option("--hours").map(Compactor::positiveInt).orElse(eventType.windowHours());
    GeneratorSpec.Builder spec = GeneratorSpec.builder(eventType, Window.ending(last, hours));
    args.option("--events-per-hour").map(Compactor::positiveInt).ifPresent(spec::eventsPerHour);
    args.option("--flushes-per-hour").map(Compactor::positiveInt).ifPresent(spec::flushesPerHour);
    args.option("--duplicate-rate").map(GenerateCommand::fraction).ifPresent(spec::duplicateRate);
    args.option("--seed").map(GenerateCommand::seed).ifPresent(spec::seed);
    int threads = args.option("--threads").map(Compactor::positiveInt).orElse(2);
    try (ObjectStore store = ObjectStores.open(config.inputRoot(), config.s3())) {
      GeneratedSummary summary =
          new SampleDataGenerator(store, config.inputRoot(), eventType.input())
              .withThreads(threads)
              .withProgress(err)
              .generate(spec.build());
      out.println(
          "generated " + summary + " under " + config.inputRoot().resolve(eventType.name()));
    }
    return ExitCode.DONE.code();
  }

  private static double fraction(String text) {
    try {
      double value = Double.parseDouble(text);
      if (value < 0 || value > 1) {
        throw new UsageException("--duplicate-rate must be between 0 and 1, got " + text);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new UsageException("--duplicate-rate expects a number like 0.05, got '" + text + "'");
    }
  }

  private static long seed(String text) {
    try {
      return Long.parseLong(text);
    } catch (NumberFormatException e) {
      throw new UsageException("--seed expects a whole number, got '" + text + "'");
    }
  }
}
