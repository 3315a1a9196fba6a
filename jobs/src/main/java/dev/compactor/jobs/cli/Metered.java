package dev.compactor.jobs.cli;

import java.util.Optional;

/**
 * A scheduled command (run, backfill): every exit that changes nothing prints an EMF line of its
 * own, so an alarm on the metrics fires for runs that end before they have a report.
 */
interface Metered {

  /** The event type named on the command line, if parsing got that far. */
  Optional<String> eventType();

  /** A dry run is not scheduled work and prints no metrics. */
  boolean dryRun();
}
