package dev.compactor.jobs.run;

/** Process exit codes, fixed by the interface contract. */
public enum ExitCode {
  DONE(0, "done"),
  FAILED(1, "failed: rerun it; finished work is not redone"),
  USAGE(2, "bad usage or configuration: nothing was done"),
  LOCKED(3, "locked: another run holds the lease; nothing was done"),
  PARTIAL(4, "done, but input was left out (quarantined or unexpected files) or data is late");

  private final int code;
  private final String meaning;

  ExitCode(int code, String meaning) {
    this.code = code;
    this.meaning = meaning;
  }

  public int code() {
    return code;
  }

  /** What the code tells a scheduler or a person, as the help text lists it. */
  public String meaning() {
    return meaning;
  }

  /**
   * The exit code of a run: failed if any partition failed, partial if it left input out
   * (quarantined files or unexpected objects), done otherwise.
   */
  public static ExitCode ofRun(int partitionsFailed, int inputsLeftOut) {
    if (partitionsFailed > 0) {
      return FAILED;
    }
    return inputsLeftOut > 0 ? PARTIAL : DONE;
  }

  /** The more severe of the two, for a backfill's chunks: failed over partial over done. */
  public ExitCode worse(ExitCode other) {
    return other.severity() > severity() ? other : this;
  }

  private int severity() {
    return switch (this) {
      case DONE -> 0;
      case PARTIAL -> 1;
      default -> 2;
    };
  }
}
