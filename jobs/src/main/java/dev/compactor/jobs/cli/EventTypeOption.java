package dev.compactor.jobs.cli;

import picocli.CommandLine.Option;

/** {@code --event-type TYPE}, required, for commands that work on one event type. */
final class EventTypeOption {

  @Option(
      names = "--event-type",
      required = true,
      paramLabel = "TYPE",
      description = "The event type, as configured under event-type.<TYPE>.")
  String name;
}
