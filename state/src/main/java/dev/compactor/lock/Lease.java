package dev.compactor.lock;

import dev.compactor.store.StoreException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A held lease, renewed in the background until closed. If a renewal finds the lease taken over (this
 * run stalled past its expiry), the lease is marked lost and {@link #checkHeld} fails, so the run stops
 * before it commits anything a newer run may also be writing.
 */
public final class Lease implements AutoCloseable {

  private final LeaseLock lock;
  private final LockRecord record;
  private final ScheduledExecutorService renewer;
  private volatile String etag;
  private volatile String lostBecause;

  Lease(LeaseLock lock, LockRecord record, String etag) {
    this.lock = lock;
    this.record = record;
    this.etag = etag;
    this.renewer =
        Executors.newSingleThreadScheduledExecutor(
            r -> {
              Thread t = new Thread(r, "lease-renewer");
              t.setDaemon(true);
              return t;
            });
    long every = lock.renewEvery().toMillis();
    renewer.scheduleWithFixedDelay(this::renew, every, every, TimeUnit.MILLISECONDS);
  }

  public LockRecord record() {
    return record;
  }

  /**
   * @throws LeaseLostException when another run took the lease over
   */
  public void checkHeld() {
    if (lostBecause != null) {
      throw new LeaseLostException(lock.uri() + ": lease lost (" + lostBecause + "); stopping before commit.");
    }
  }

  void renew() {
    if (lostBecause != null) {
      return;
    }
    try {
      etag = lock.renew(record, etag);
    } catch (dev.compactor.store.PreconditionFailedException e) {
      lostBecause = "taken over by another run after it expired";
    } catch (StoreException e) {
      // A transient error: the next renewal retries well before the lease lapses.
    }
  }

  @Override
  public void close() {
    renewer.shutdownNow();
    try {
      // A renewal in flight changes the ETag; release must compare against the final one.
      renewer.awaitTermination(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    if (lostBecause == null) {
      lock.release(etag);
    }
  }

  /** The lease lapsed and another run holds it now. */
  public static final class LeaseLostException extends RuntimeException {
    public LeaseLostException(String message) {
      super(message);
    }
  }
}
