package dev.compactor.lock;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.compactor.config.LockSettings;
import dev.compactor.store.ObjectStore;
import dev.compactor.store.PreconditionFailedException;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * One writer per event type: a lease held in one object, created with a conditional PUT ({@code
 * If-None-Match: *}) and taken over after expiry with {@code If-Match} on the expired lease's ETag,
 * so two runs racing for it cannot both win. The holder renews it while running.
 *
 * <p>Expiry is compared with this host's clock: hosts whose clocks differ by more than the lease
 * length could misjudge it, which is why leases are minutes long.
 */
public final class LeaseLock {

  private static final ObjectMapper JSON = new ObjectMapper();

  private final ObjectStore store;
  private final String key;
  private final LockSettings settings;
  private final Clock clock;

  public LeaseLock(ObjectStore store, String key, LockSettings settings, Clock clock) {
    this.store = store;
    this.key = key;
    this.settings = settings;
    this.clock = clock;
  }

  /**
   * Takes the lease or fails at once.
   *
   * @throws LockedException naming the holder and its expiry when a live lease exists
   */
  public Lease acquire(String owner, String host, String command) {
    Instant now = clock.instant();
    LockRecord mine =
        new LockRecord(owner, host, command, now.toString(), now.plus(settings.lease()).toString());
    try {
      return new Lease(this, mine, store.putIfAbsent(key, encode(mine)), clock);
    } catch (PreconditionFailedException exists) {
      return takeOverIfExpired(mine);
    }
  }

  /** Like {@link #acquire} but waits up to {@code patience} for the holder to finish. */
  public Lease acquire(String owner, String host, String command, Duration patience)
      throws InterruptedException {
    Instant deadline = clock.instant().plus(patience);
    while (true) {
      try {
        return acquire(owner, host, command);
      } catch (LockedException e) {
        if (!clock.instant().isBefore(deadline)) {
          throw e;
        }
        // Poll a few times per lease: a finished holder deletes the lock, an expired one is taken
        // over.
        Thread.sleep(Math.max(200, Math.min(settings.renewEvery().toMillis(), 5_000)));
      }
    }
  }

  /** The current lock record, if any. */
  public Optional<LockRecord> holder() {
    return store.readIfExists(key).map(this::decode);
  }

  private Lease takeOverIfExpired(LockRecord mine) {
    var current = store.head(key);
    if (current.isEmpty()) {
      return acquire(mine.owner(), mine.host(), mine.command()); // released in between: try again
    }
    String etag = current.get().etag();
    LockRecord holder = decode(store.readAll(key));
    if (holder.owner().equals(mine.owner())) {
      // Our own create succeeded but its response was lost and the retry saw our object.
      return new Lease(this, holder, etag, clock);
    }
    if (!holder.expiredAt(clock.instant())) {
      throw new LockedException(store.uri(key), holder);
    }
    try {
      return new Lease(this, mine, store.putIfMatch(key, encode(mine), etag), clock);
    } catch (PreconditionFailedException raced) {
      LockRecord winner = holder().orElse(holder);
      if (winner.owner().equals(mine.owner())) {
        return new Lease(this, winner, store.head(key).orElseThrow().etag(), clock);
      }
      throw new LockedException(store.uri(key), winner);
    }
  }

  /** A renewal that succeeded: the lock's new ETag and the expiry it now records. */
  record Renewal(String etag, Instant expiry) {}

  /** Extends the lease. Fails if someone else took it over. */
  Renewal renew(LockRecord record, String etag) {
    LockRecord renewed = record.renewedUntil(clock.instant().plus(settings.lease()));
    try {
      return new Renewal(store.putIfMatch(key, encode(renewed), etag), renewed.expiry());
    } catch (PreconditionFailedException e) {
      // A renewal whose response was lost succeeded, and its retry saw our own new ETag: still
      // ours.
      var current = store.head(key);
      if (current.isPresent() && decode(store.readAll(key)).equals(renewed)) {
        return new Renewal(current.get().etag(), renewed.expiry());
      }
      throw e;
    }
  }

  /**
   * How long before the recorded expiry a holder stops writing: a quarter of the lease, room for a
   * slow request and for clocks that differ between hosts.
   */
  Duration safetyMargin() {
    return settings.lease().dividedBy(4);
  }

  /** Deletes the lock if it is still ours (a taken-over lease belongs to someone else now). */
  void release(String etag) {
    store.head(key).filter(info -> info.etag().equals(etag)).ifPresent(info -> store.delete(key));
  }

  Duration renewEvery() {
    return settings.renewEvery();
  }

  String uri() {
    return store.uri(key);
  }

  private byte[] encode(LockRecord record) {
    try {
      return JSON.writeValueAsBytes(record);
    } catch (IOException e) {
      throw new IllegalStateException("cannot encode lock record", e);
    }
  }

  private LockRecord decode(byte[] bytes) {
    try {
      return JSON.readValue(bytes, LockRecord.class);
    } catch (IOException e) {
      throw new IllegalStateException(
          store.uri(key)
              + " is not a lock record ("
              + e.getMessage()
              + "). Delete it if no run is active.",
          e);
    }
  }
}
