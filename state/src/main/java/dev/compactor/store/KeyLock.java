package dev.compactor.store;

import java.io.IOException;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.locks.ReentrantLock;

/**
 * Exclusive lock on one local key, between threads and between processes: an OS file lock on a
 * sidecar file ({@code .compactor-lock-<name>}) in the key's directory.
 *
 * <p>OS file locks belong to the process, and a second lock attempt on the same file from the same
 * JVM throws instead of waiting, so threads first queue on an in-JVM lock. Sidecars are never
 * deleted: removing a lock file that another process may be about to lock would let two holders in.
 */
final class KeyLock {

  static final String PREFIX = ".compactor-lock-";

  private static final Map<Path, ReentrantLock> IN_JVM = new ConcurrentHashMap<>();

  /** Work done while holding the lock. */
  interface Action<T> {
    T run() throws IOException;
  }

  private KeyLock() {}

  /** Runs {@code action} while holding the lock for {@code target}, whose directory must exist. */
  static <T> T holding(Path target, Action<T> action) throws IOException {
    Path sidecar = sidecar(target);
    ReentrantLock jvmLock = IN_JVM.computeIfAbsent(sidecar, p -> new ReentrantLock());
    jvmLock.lock();
    try (FileChannel channel =
        FileChannel.open(sidecar, StandardOpenOption.CREATE, StandardOpenOption.WRITE)) {
      channel.lock(); // Released when the channel closes.
      return action.run();
    } finally {
      jvmLock.unlock();
    }
  }

  /** Whether {@code target} has ever been written under a lock. */
  static boolean exists(Path target) {
    return Files.exists(sidecar(target));
  }

  private static Path sidecar(Path target) {
    return target.resolveSibling(PREFIX + target.getFileName());
  }
}
