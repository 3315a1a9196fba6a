package dev.compactor.lock;

import dev.compactor.store.PreconditionFailedException;
import dev.compactor.store.StoreException;
import dev.compactor.store.StoreUri;
import java.time.Clock;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * A held lease, renewed in the background until closed. The run may write only while it can prove
 * the lease is still its own: {@link #checkHeld} fails when a renewal found it taken over, and
 * also, by the clock, when the last confirmed expiry is less than a safety margin away. The clock
 * check is what stops a run that stalled (a GC pause, SIGSTOP, a network partition) before its
 * renewer could notice.
 */
public final class Lease implements AutoCloseable {

  private final LeaseLock lock;
  private final LockRecord record;
  private final ScheduledExecutorService renewer;
  private final Clock clock;
  private volatile String etag;
  private volatile Instant confirmedUntil;
  private volatile String lostBecause;

  Lease(LeaseLock lock, LockRecord record, String etag, Clock clock) {
    this.lock = lock;
    this.record = record;
    this.etag = etag;
    this.clock = clock;
    this.confirmedUntil = record.expiry();
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
      throw new LeaseLostException(
          lock.uri()
              + ": lease lost ("
              + lostBecause
              + "); this run publishes and "
              + "commits nothing more. The run that took it over does the work.");
    }
    Instant now = clock.instant();
    if (!now.isBefore(provableUntil())) {
      throw new LeaseLostException(
          lock.uri()
              + ": the lease was last confirmed until "
              + confirmedUntil
              + " and it is "
              + now
              + " (this run stalled or could not renew it); another run may hold it now, so this"
              + " run publishes and commits nothing more. Rerun it if no other run is active.");
    }
  }

  /**
   * The last confirmed expiry less the safety margin: the moment after which nothing is written.
   */
  public Instant provableUntil() {
    return confirmedUntil.minus(lock.safetyMargin());
  }

  /** What a task needs to stop publishing once this lease can no longer be proven. */
  public PublishFence fence(StoreUri stateRoot, String lockKey) {
    return new PublishFence(
        stateRoot, lockKey, record.owner(), confirmedUntil, lock.safetyMargin());
  }

  void renew() {
    if (lostBecause != null) {
      return;
    }
    try {
      LeaseLock.Renewal renewal = lock.renew(record, etag);
      etag = renewal.etag();
      confirmedUntil = renewal.expiry();
    } catch (PreconditionFailedException e) {
      lostBecause = "taken over by another run after it expired";
    } catch (StoreException e) {
      // A transient error: the next renewal retries well before the lease lapses.
    }
  }

  @Override
  public void close() {
    // shutdown, not shutdownNow: an interrupt could abort a renewal the store has already applied,
    // leaving us with a stale ETag, so the release would not match and the lock would stay until it
    // expired. Periodic renewals not yet started are cancelled; one in flight finishes.
    renewer.shutdown();
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
