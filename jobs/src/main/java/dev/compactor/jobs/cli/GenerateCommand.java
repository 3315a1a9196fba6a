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
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code compactor generate}: sample raw partitions for a window, seeded and reproducible. */
@Command(
    name = "generate",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Writes sample raw input (click events, with duplicates and late files) for a window,"
          + " for demos, tests and benchmarks. The same seed writes the same bytes.",
      ""
    })
final class GenerateCommand implements Callable<Integer> {

  private final Session session;

  @Mixin private ConfigOptions configOptions;
  @Mixin private EventTypeOption eventType;

  @Option(
      names = "--at",
      paramLabel = "HOUR",
      converter = OptionTypes.HourValue.class,
      description = "Last hour to generate (default: the current hour, UTC).")
  private Hour at;

  @Option(
      names = "--hours",
      paramLabel = "N",
      converter = OptionTypes.PositiveInt.class,
      description = "Hours to generate, ending at --at (default: the event type's window).")
  private Integer hours;

  @Option(
      names = "--events-per-hour",
      paramLabel = "N",
      converter = OptionTypes.PositiveInt.class,
      description = "Distinct events per hour (default: 10000).")
  private Integer eventsPerHour;

  @Option(
      names = "--duplicate-rate",
      paramLabel = "FRACTION",
      converter = OptionTypes.Fraction.class,
      description = "Share of events delivered more than once (default: 0.05).")
  private Double duplicateRate;

  @Option(
      names = "--flushes-per-hour",
      paramLabel = "N",
      converter = OptionTypes.PositiveInt.class,
      description = "Files per partition and hour, one per buffer flush (default: 12).")
  private Integer flushesPerHour;

  @Option(
      names = "--seed",
      paramLabel = "N",
      description = "Seeds every random choice (default: 42).")
  private Long seed;

  @Option(
      names = "--threads",
      paramLabel = "N",
      converter = OptionTypes.PositiveInt.class,
      description = "Upload threads (default: ${DEFAULT-VALUE}).")
  private int threads = 2;

  GenerateCommand(Session session) {
    this.session = session;
  }

  @Override
  public Integer call() {
    CompactorConfig config = session.load(configOptions);
    EventTypeConfig type = config.eventType(eventType.name);
    try {
      ClickSchema.requireReadableAs(type.schema());
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    Hour last = Optional.ofNullable(at).orElseGet(OptionTypes::thisHour);
    int count = Optional.ofNullable(hours).orElse(type.windowHours());
    GeneratorSpec.Builder spec = GeneratorSpec.builder(type, Window.ending(last, count));
    Optional.ofNullable(eventsPerHour).ifPresent(spec::eventsPerHour);
    Optional.ofNullable(flushesPerHour).ifPresent(spec::flushesPerHour);
    Optional.ofNullable(duplicateRate).ifPresent(spec::duplicateRate);
    Optional.ofNullable(seed).ifPresent(spec::seed);
    try (ObjectStore store = ObjectStores.open(config.inputRoot(), config.s3())) {
      GeneratedSummary summary =
          new SampleDataGenerator(store, config.inputRoot(), type.input())
              .withThreads(threads)
              .withProgress(session.err)
              .generate(spec.build());
      session.out.println(
          "generated " + summary + " under " + config.inputRoot().resolve(type.name()));
    }
    return ExitCode.DONE.code();
  }
}
