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
}
