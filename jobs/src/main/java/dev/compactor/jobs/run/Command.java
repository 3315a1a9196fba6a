package dev.compactor.jobs.run;

/** The command a run belongs to, recorded in its report and its lease. */
public enum Command {
  RUN("run"),
  PLAN("plan"),
  BACKFILL("backfill"),
  MAINTAIN("maintain");

  private final String label;

  Command(String label) {
    this.label = label;
  }

  @Override
  public String toString() {
    return label;
  }
}
