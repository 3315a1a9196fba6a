package dev.compactor.lock;

import dev.compactor.store.LocalObjectStore;
import dev.compactor.store.ObjectStore;
import java.nio.file.Path;
import org.junit.jupiter.api.io.TempDir;

/**
 * The lease lock on the local filesystem store (atomic create and compare-and-swap by file lock).
 */
class TestLeaseLock extends LeaseLockContract {

  @TempDir Path dir;

  @Override
  protected ObjectStore store() {
    return new LocalObjectStore();
  }

  @Override
  protected String lockKey() {
    return dir.toAbsolutePath().toString().substring(1) + "/state/_locks/clicks";
  }
}
