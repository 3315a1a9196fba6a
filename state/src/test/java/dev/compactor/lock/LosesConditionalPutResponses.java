package dev.compactor.lock;

import dev.compactor.store.ObjectInfo;
import dev.compactor.store.ObjectStore;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * A store whose next If-Match PUT takes effect but whose response is lost, so the client's retry
 * meets its own new ETag and fails the precondition, as happens on S3 when a connection drops after
 * the write.
 */
final class LosesConditionalPutResponses implements ObjectStore {

  private final ObjectStore delegate;
  private boolean loseNext;

  LosesConditionalPutResponses(ObjectStore delegate) {
    this.delegate = delegate;
  }

  void loseNextResponse() {
    loseNext = true;
  }

  @Override
  public String putIfMatch(String key, byte[] bytes, String expectedEtag) {
    String etag = delegate.putIfMatch(key, bytes, expectedEtag);
    if (loseNext) {
      loseNext = false;
      return delegate.putIfMatch(key, bytes, expectedEtag); // the retry: 412 on our own write
    }
    return etag;
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
