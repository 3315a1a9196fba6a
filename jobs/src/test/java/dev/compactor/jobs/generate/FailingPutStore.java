package dev.compactor.jobs.generate;

import dev.compactor.store.ForwardingObjectStore;
import dev.compactor.store.ObjectStore;
import dev.compactor.store.StoreException;
import java.nio.file.Path;
import java.util.concurrent.atomic.AtomicInteger;

/** Delegates to a real store but fails every {@code put} after the first {@code allowed} ones. */
final class FailingPutStore extends ForwardingObjectStore {

  private final int allowed;
  private final AtomicInteger puts = new AtomicInteger();

  FailingPutStore(ObjectStore delegate, int allowed) {
    super(delegate);
    this.allowed = allowed;
  }

  @Override
  public String put(String key, byte[] bytes) {
    if (puts.incrementAndGet() > allowed) {
      throw new StoreException("Cannot write " + uri(key) + ": injected failure");
    }
    return delegate.put(key, bytes);
  }

  @Override
  public String put(String key, Path file) {
    throw new UnsupportedOperationException("the generator writes bytes, not files");
  }
}
