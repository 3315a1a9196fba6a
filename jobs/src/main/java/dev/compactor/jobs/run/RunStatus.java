package dev.compactor.jobs.run;

import com.fasterxml.jackson.annotation.JsonValue;

/** How a run ended, as the run report, the summary line and the EMF {@code Status} field say it. */
public enum RunStatus {
  SUCCEEDED("succeeded"),
  NOTHING_TO_DO("nothing-to-do"),
  /** Some input was quarantined or unexpected objects were found (exit 4). */
  PARTIAL("partial"),
  FAILED("failed"),
  DRY_RUN("dry-run"),
  /** The plan read more than {@code --max-bytes}; nothing was changed. */
  REFUSED("refused"),
  /** Another run held the lease. */
  LOCKED("locked"),
  /** The run lost its lease or another run committed first; it wrote nothing more. */
  FENCED("fenced"),
  USAGE_ERROR("usage-error");

  private final String label;

  RunStatus(String label) {
    this.label = label;
  }

  /**
   * The status of a run that worked on {@code partitionsWorkedOn} partitions and exits {@code
   * exit}.
   */
  static RunStatus of(int partitionsWorkedOn, ExitCode exit) {
    if (partitionsWorkedOn == 0 && exit == ExitCode.DONE) {
      return NOTHING_TO_DO;
    }
    return switch (exit) {
      case DONE -> SUCCEEDED;
      case PARTIAL -> PARTIAL;
      default -> FAILED;
    };
  }

  @JsonValue
  @Override
  public String toString() {
    return label;
  }
}
