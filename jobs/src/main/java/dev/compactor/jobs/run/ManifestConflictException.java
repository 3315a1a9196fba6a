package dev.compactor.jobs.run;

/**
 * An hour's manifest changed between this run's plan and its commit: another run committed it.
 * Nothing was overwritten; exit 1, and the next run plans again.
 */
public class ManifestConflictException extends RuntimeException {
  public ManifestConflictException(String message, Throwable cause) {
    super(message, cause);
  }
}
