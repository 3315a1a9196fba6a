package dev.compactor.lock;

import java.time.Instant;

/**
 * The content of a lock object: who holds the lease and until when.
 *
 * @param owner the holder's run ID
 * @param host the holder's host name
 * @param command what the holder is doing (run, backfill)
 * @param acquiredAt when the lease was first taken
 * @param expiresAt when it lapses unless renewed; after that anyone may take it over
 */
public record LockRecord(
    String owner, String host, String command, String acquiredAt, String expiresAt) {

  public Instant expiry() {
    return Instant.parse(expiresAt);
  }

  public boolean expiredAt(Instant now) {
    return !now.isBefore(expiry());
  }

  LockRecord renewedUntil(Instant expiry) {
    return new LockRecord(owner, host, command, acquiredAt, expiry.toString());
  }
}
