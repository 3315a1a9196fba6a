package dev.compactor.jobs.cli;

import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Option;

/** The options every command takes: which configuration file, and overrides of its keys. */
final class ConfigOptions {

  @Option(
      names = "--config",
      required = true,
      paramLabel = "FILE",
      description = "The environment's configuration, e.g. conf/aws.properties.")
  private Path file;

  @Option(
      names = "--set",
      paramLabel = "KEY=VALUE",
      description =
          "Overrides one configuration key (repeatable), e.g. --set spark.master=local[8].")
  private Map<String, String> overrides = new LinkedHashMap<>();

  Path file() {
    return file;
  }

  Map<String, String> overrides() {
    return overrides;
  }
}
