package dev.compactor.jobs.cli;

import dev.compactor.config.CompactorConfig;
import dev.compactor.config.ConfigLoader;
import dev.compactor.jobs.run.SparkContexts;
import java.io.PrintStream;
import java.util.Optional;
import org.apache.spark.api.java.JavaSparkContext;

/**
 * What the command of one invocation shares with the entry point: the output streams, the
 * configuration once loaded (its metrics settings name the EMF namespace of an early exit), and a
 * Spark session started on first use, so a run with nothing to do never starts Spark.
 */
final class Session implements AutoCloseable {

  final PrintStream out;
  final PrintStream err;
  private CompactorConfig config;
  private JavaSparkContext spark;

  Session(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  CompactorConfig load(ConfigOptions options) {
    config = ConfigLoader.load(options.file(), options.overrides());
    return config;
  }

  Optional<CompactorConfig> config() {
    return Optional.ofNullable(config);
  }

  JavaSparkContext spark() {
    if (spark == null) {
      spark = SparkContexts.start(config.spark(), "compactor");
    }
    return spark;
  }

  @Override
  public void close() {
    if (spark != null) {
      spark.stop();
    }
  }
}
