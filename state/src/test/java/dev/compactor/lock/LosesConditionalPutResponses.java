package dev.compactor.lock;

import dev.compactor.store.ForwardingObjectStore;
import dev.compactor.store.ObjectStore;

/**
 * A store whose next If-Match PUT takes effect but whose response is lost, so the client's retry
 * meets its own new ETag and fails the precondition, as happens on S3 when a connection drops after
 * the write.
 */
final class LosesConditionalPutResponses extends ForwardingObjectStore {

  private boolean loseNext;

  LosesConditionalPutResponses(ObjectStore delegate) {
    super(delegate);
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
}
