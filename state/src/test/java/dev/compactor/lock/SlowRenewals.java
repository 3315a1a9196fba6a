package dev.compactor.lock;

import dev.compactor.store.ForwardingObjectStore;
import dev.compactor.store.ObjectStore;
import dev.compactor.store.StoreException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * A store whose If-Match PUTs (renewals) take effect at once but whose responses arrive only when
 * the test lets them; a caller interrupted while waiting gets an error, as the AWS SDK aborts a
 * call on interrupt even when the server has already applied it.
 */
final class SlowRenewals extends ForwardingObjectStore {

  final CountDownLatch renewalApplied = new CountDownLatch(1);
  final CountDownLatch respond = new CountDownLatch(1);

  SlowRenewals(ObjectStore delegate) {
    super(delegate);
  }

  @Override
  public String putIfMatch(String key, byte[] bytes, String expectedEtag) {
    String etag = delegate.putIfMatch(key, bytes, expectedEtag);
    renewalApplied.countDown();
    try {
      if (!respond.await(30, TimeUnit.SECONDS)) {
        throw new StoreException("no response");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new StoreException("aborted by interrupt after the write was applied", e);
    }
    return etag;
  }
}
