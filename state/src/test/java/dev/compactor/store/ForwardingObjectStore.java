package dev.compactor.store;

import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A store that passes every call to a real one, for tests that change one behaviour (lose a
 * response, fail a write, delete a file after listing it) and keep the rest real. Subclasses
 * override only what they change.
 */
public abstract class ForwardingObjectStore implements ObjectStore {

  protected final ObjectStore delegate;

  protected ForwardingObjectStore(ObjectStore delegate) {
    this.delegate = delegate;
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
  public byte[] readAll(String key) {
    return delegate.readAll(key);
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
    delegate.close();
  }
}
