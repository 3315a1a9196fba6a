package dev.compactor.jobs.it;

import dev.compactor.store.ObjectInfo;
import dev.compactor.store.ObjectStore;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * An object store that deletes one key right after the first listing that shows it, as an upstream
 * cleanup racing the job would: the plan names the file, the read finds it gone.
 */
final class DeleteAfterList implements ObjectStore {

  private final ObjectStore delegate;
  private final String victim;
  private boolean deleted;

  DeleteAfterList(ObjectStore delegate, String victim) {
    this.delegate = delegate;
    this.victim = victim;
  }

  @Override
  public List<ObjectInfo> list(String prefix) {
    List<ObjectInfo> listed = delegate.list(prefix);
    if (!deleted && listed.stream().anyMatch(o -> o.key().equals(victim))) {
      delegate.delete(victim);
      deleted = true;
    }
    return listed;
  }

  boolean deleted() {
    return deleted;
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
  public String put(String key, Path file) {
    return delegate.put(key, file);
  }

  @Override
  public String put(String key, byte[] bytes) {
    return delegate.put(key, bytes);
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
    // The harness owns and closes the delegate.
  }
}
