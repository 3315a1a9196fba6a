package dev.compactor.jobs.cli;

/** The command line is wrong; the message says what to type instead. Exit code 2. */
public class UsageException extends RuntimeException {
  public UsageException(String message) {
    super(message);
  }
}
