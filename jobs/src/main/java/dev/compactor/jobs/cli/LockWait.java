package dev.compactor.jobs.cli;

import dev.compactor.config.CompactorConfig;
import java.time.Duration;
import picocli.CommandLine.Option;

/** {@code --wait}, for commands that take the event type's lock. */
final class LockWait {

  @Option(
      names = "--wait",
      description = "Wait for another run's lock (up to its lease) instead of exiting 3.")
  boolean waitForLock;

  /** How long to wait for the lock: a whole lease and a minute with {@code --wait}, else none. */
  Duration patience(CompactorConfig config) {
    return waitForLock ? config.lock().lease().plusMinutes(1) : Duration.ZERO;
  }
}
