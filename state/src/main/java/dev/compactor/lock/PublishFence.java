package dev.compactor.lock;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.compactor.store.ObjectStore;
import dev.compactor.store.StoreUri;
import java.io.IOException;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.function.Function;

/**
 * Lets a task (on any executor) prove, before each object it publishes, that its run still holds
 * the lease. Until the deadline it was given, less the safety margin, that costs nothing. After it
 * (a long job, or a stall), the task reads the lock: if the lease is still its run's and not about
 * to expire, it goes on with the new deadline; otherwise it refuses to publish, so a run that
 * stalled past its lease writes nothing over the run that took over.
 */
public final class PublishFence implements Serializable {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final StoreUri stateRoot;
  private final String lockKey;
  private final String owner;
  private final Duration margin;
  private Instant deadline;

  /**
   * @param stateRoot the state store that holds the lock
   * @param lockKey the lock's full key in that store
   * @param owner the run that holds the lease
   * @param deadline the lease's last confirmed expiry
   * @param margin how long before an expiry writing stops
   */
  public PublishFence(
      StoreUri stateRoot, String lockKey, String owner, Instant deadline, Duration margin) {
    this.stateRoot = stateRoot;
    this.lockKey = lockKey;
    this.owner = owner;
    this.deadline = deadline;
    this.margin = margin;
  }

  /**
   * Returns when the run may still publish; reads the lock through {@code open} only once the known
   * deadline is near.
   *
   * @throws Lease.LeaseLostException when the lease is another run's, gone, or about to expire
   */
  public synchronized void ensureHeld(Function<StoreUri, ObjectStore> open, Clock clock) {
    Instant now = clock.instant();
    if (now.isBefore(deadline.minus(margin))) {
      return;
    }
    Optional<LockRecord> holder;
    try (ObjectStore state = open.apply(stateRoot)) {
      holder = state.readIfExists(lockKey).map(PublishFence::decode);
    }
    if (holder.isEmpty() || !holder.get().owner().equals(owner)) {
      throw new Lease.LeaseLostException(
          "the lock "
              + lockKey
              + " under "
              + stateRoot
              + " is held by "
              + holder.map(LockRecord::owner).orElse("nobody")
              + ", not by run "
              + owner
              + ": not published; the run that holds the lease does this work");
    }
    Instant expiry = holder.get().expiry();
    if (!now.isBefore(expiry.minus(margin))) {
      throw new Lease.LeaseLostException(
          "the lease of run "
              + owner
              + " expires at "
              + expiry
              + " and it is "
              + now
              + ": not published, so nothing is written after another run may have taken over");
    }
    deadline = expiry;
  }

  private static LockRecord decode(byte[] bytes) {
    try {
      return JSON.readValue(bytes, LockRecord.class);
    } catch (IOException e) {
      throw new IllegalStateException("the lock record cannot be read: " + e.getMessage(), e);
    }
  }
}
