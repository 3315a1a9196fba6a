package dev.compactor.jobs.run;

import java.util.Map;

/**
 * The plan reads more than the --max-bytes guard allows; the run refused before changing anything.
 */
public class PlanTooLargeException extends RuntimeException {

  private final Map<String, Number> counts;

  /**
   * @param counts what the refused plan would have done, by EMF metric name
   */
  public PlanTooLargeException(String message, Map<String, Number> counts) {
    super(message);
    this.counts = Map.copyOf(counts);
  }

  public Map<String, Number> counts() {
    return counts;
  }
}
