package dev.compactor.jobs.run;

/** The plan reads more than the --max-bytes guard allows; the run refused before changing anything. */
public class PlanTooLargeException extends RuntimeException {
  public PlanTooLargeException(String message) {
    super(message);
  }
}
