package dev.compactor.lock;

import dev.compactor.store.ObjectStore;
import dev.compactor.store.ObjectStores;
import dev.compactor.store.S3TestServer;
import dev.compactor.store.StoreUri;
import java.util.UUID;

/** The lease lock on a real S3 API server: If-None-Match and If-Match as S3 implements them. */
class ITLeaseLock extends LeaseLockContract {

  private final String bucket = "lock-" + UUID.randomUUID().toString().substring(0, 8);

  @Override
  protected ObjectStore store() {
    S3TestServer server = S3TestServer.shared();
    server.createBucket(bucket);
    return ObjectStores.open(StoreUri.parse("s3a://" + bucket), server.s3Settings());
  }

  @Override
  protected String lockKey() {
    return "state/_locks/clicks";
  }
}
