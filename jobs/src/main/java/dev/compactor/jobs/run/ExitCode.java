package dev.compactor.jobs.run;

/** Process exit codes, fixed by the interface contract. */
public enum ExitCode {
  DONE(0),
  FAILED(1),
  USAGE(2),
  LOCKED(3),
  PARTIAL(4);

  private final int code;

  ExitCode(int code) {
    this.code = code;
  }

  public int code() {
    return code;
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
