package dev.compactor.jobs.generate;

import dev.compactor.store.ObjectInfo;
import dev.compactor.store.ObjectStore;
import dev.compactor.store.StoreException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

/** Delegates to a real store but fails every {@code put} after the first {@code allowed} ones. */
final class FailingPutStore implements ObjectStore {

  private final ObjectStore delegate;
  private final int allowed;
  private final AtomicInteger puts = new AtomicInteger();

  FailingPutStore(ObjectStore delegate, int allowed) {
    this.delegate = delegate;
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

  @Override
  public List<ObjectInfo> list(String prefix) {
    return delegate.list(prefix);
  }

  @Override
  public Optional<ObjectInfo> head(String key) {
    return delegate.head(key);
  }

  @Override
  public InputStream open(String key) {
    return delegate.open(key);
  }

  @Override
  public Optional<byte[]> readIfExists(String key) {
    return delegate.readIfExists(key);
  }

  @Override
  public String putIfAbsent(String key, byte[] bytes) {
    return delegate.putIfAbsent(key, bytes);
  }

  @Override
  public String putIfMatch(String key, byte[] bytes, String expectedEtag) {
    return delegate.putIfMatch(key, bytes, expectedEtag);
  }

  @Override
  public void delete(String key) {
    delegate.delete(key);
  }

  @Override
  public String uri(String key) {
    return delegate.uri(key);
  }

  @Override
  public void close() {
    delegate.close();
  }
}
