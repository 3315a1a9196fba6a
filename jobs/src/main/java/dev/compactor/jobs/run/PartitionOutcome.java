package dev.compactor.jobs.run;

import com.fasterxml.jackson.annotation.JsonValue;

/** What a run did with one partition of its plan. */
public enum PartitionOutcome {
  REBUILT("rebuilt"),
  /** Every input is gone inside the window: its outputs and manifest entry were removed. */
  OUTPUTS_DELETED("outputs deleted"),
  FAILED("failed"),
  /** Planned but not carried out (orphans only, or the run stopped before it). */
  NOT_RUN("not run");

  private final String label;

  PartitionOutcome(String label) {
    this.label = label;
  }

  @JsonValue
  @Override
  public String toString() {
    return label;
  }
}
