package dev.compactor.lock;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.compactor.config.LockSettings;
import dev.compactor.store.ForwardingObjectStore;
import dev.compactor.store.ObjectStore;
import dev.compactor.store.StoreUri;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The lease lock's promises, checked against a real store by each subclass. */
abstract class LeaseLockContract {

  private static final LockSettings SETTINGS =
      new LockSettings(Duration.ofMinutes(10), Duration.ofMinutes(2));

  private final MutableClock clock = new MutableClock(Instant.parse("2026-11-23T17:05:00Z"));
  private ObjectStore store;
  private String key;

  protected abstract ObjectStore store();

  protected abstract String lockKey();

  @BeforeEach
  void setUp() {
    store = store();
    key = lockKey();
  }

  private LeaseLock lock() {
    return new LeaseLock(store, key, SETTINGS, clock);
  }

  @Test
  void firstRunTakesTheLeaseAndASecondIsToldWhoHoldsIt() {
    try (Lease held = lock().acquire("run-a", "host-a", "run")) {
      assertThat(held.record().owner()).isEqualTo("run-a");

      assertThatThrownBy(() -> lock().acquire("run-b", "host-b", "backfill"))
          .isInstanceOf(LockedException.class)
          .hasMessageContaining("locked by run-a (run) on host-a until 2026-11-23T17:15:00Z");
    }
  }

  @Test
  void releaseLetsTheNextRunIn() {
    lock().acquire("run-a", "host-a", "run").close();

    try (Lease next = lock().acquire("run-b", "host-b", "run")) {
      assertThat(lock().holder()).hasValueSatisfying(h -> assertThat(h.owner()).isEqualTo("run-b"));
    }
    assertThat(lock().holder()).isEmpty();
  }

  @Test
  void anExpiredLeaseIsTakenOver() {
    Lease dead = lock().acquire("run-a", "host-a", "run");
    clock.advance(Duration.ofMinutes(11));

    try (Lease taken = lock().acquire("run-b", "host-b", "run")) {
      assertThat(lock().holder()).hasValueSatisfying(h -> assertThat(h.owner()).isEqualTo("run-b"));
      dead.renew();
      assertThatThrownBy(dead::checkHeld).hasMessageContaining("lease lost");
      dead.close();
      assertThat(lock().holder()).as("the old holder must not delete the new lease").isPresent();
    }
  }

  @Test
  void renewalKeepsTheLeaseAlive() {
    try (Lease held = lock().acquire("run-a", "host-a", "run")) {
      clock.advance(Duration.ofMinutes(8));
      held.renew();
      // Past the first expiry, and more than the safety margin (a quarter of the lease) before the
      // new one.
      clock.advance(Duration.ofMinutes(7));

      assertThatThrownBy(() -> lock().acquire("run-b", "host-b", "run"))
          .isInstanceOf(LockedException.class);
      held.checkHeld();
    }
  }

  @Test
  void aRenewalWhoseResponseWasLostIsStillOurs() {
    LosesConditionalPutResponses flaky = new LosesConditionalPutResponses(store);
    LeaseLock lock = new LeaseLock(flaky, key, SETTINGS, clock);
    try (Lease held = lock.acquire("run-a", "host-a", "run")) {
      clock.advance(Duration.ofMinutes(8));
      flaky.loseNextResponse();
      held.renew();
      clock.advance(Duration.ofMinutes(7));

      held.checkHeld();
      assertThatThrownBy(() -> lock().acquire("run-b", "host-b", "run"))
          .isInstanceOf(LockedException.class);
    }
    assertThat(lock().holder()).as("released with the ETag of the renewal").isEmpty();
  }

  @Test
  void aHolderThatCannotProveItsLeaseByTheClockWritesNothingMore() {
    try (Lease held = lock().acquire("run-a", "host-a", "run")) {
      clock.advance(Duration.ofMinutes(7));
      held.checkHeld();
      clock.advance(Duration.ofSeconds(31)); // within a quarter of the lease of its expiry

      assertThatThrownBy(held::checkHeld)
          .isInstanceOf(Lease.LeaseLostException.class)
          .hasMessageContaining("last confirmed until 2026-11-23T17:15:00Z")
          .hasMessageContaining("publishes and commits nothing more");
    }
  }

  @Test
  void aFenceReadsTheLockOnlyNearItsDeadlineAndStopsATaskOnceAnotherRunHoldsTheLease() {
    Lease held = lock().acquire("run-a", "host-a", "run");
    PublishFence fence = held.fence(StoreUri.parse("file:///state"), key);
    int[] reads = {0};
    Function<StoreUri, ObjectStore> open =
        root -> {
          reads[0]++;
          return new ForwardingObjectStore(store) {
            @Override
            public void close() {}
          };
        };
    fence.ensureHeld(open, clock);
    assertThat(reads[0]).as("far from the deadline: no request").isZero();

    clock.advance(Duration.ofMinutes(5));
    held.renew();
    clock.advance(Duration.ofMinutes(3));
    fence.ensureHeld(open, clock);
    assertThat(reads[0])
        .as("near the first deadline: the lock is read, and the renewal found")
        .isEqualTo(1);

    clock.advance(Duration.ofMinutes(10));
    try (Lease taken = lock().acquire("run-b", "host-b", "run")) {
      assertThatThrownBy(() -> fence.ensureHeld(open, clock))
          .isInstanceOf(Lease.LeaseLostException.class)
          .hasMessageContaining("is held by run-b, not by run run-a");
    }
    held.close();
  }

  @Test
  void closingDuringARenewalStillReleasesTheLock() throws Exception {
    SlowRenewals slow = new SlowRenewals(store);
    LeaseLock renewingEverySecond =
        new LeaseLock(
            slow, key, new LockSettings(Duration.ofMinutes(10), Duration.ofSeconds(1)), clock);
    Lease held = renewingEverySecond.acquire("run-a", "host-a", "run");
    assertThat(slow.renewalApplied.await(30, TimeUnit.SECONDS)).as("a renewal started").isTrue();

    Thread closing = new Thread(held::close);
    closing.start();
    // The renewal's response arrives only once close() waits for the renewer to finish; had close()
    // interrupted it, the renewal would have been aborted with a stale ETag by then.
    while (closing.getState() != Thread.State.TIMED_WAITING
        && closing.getState() != Thread.State.TERMINATED) {
      Thread.onSpinWait();
    }
    slow.respond.countDown();
    closing.join(30_000);

    assertThat(closing.isAlive()).isFalse();
    assertThat(lock().holder()).as("released with the ETag of the renewal in flight").isEmpty();
  }

  /** A clock tests move by hand. */
  static final class MutableClock extends Clock {
    private Instant now;

    MutableClock(Instant now) {
      this.now = now;
    }

    void advance(Duration d) {
      now = now.plus(d);
    }

    @Override
    public Instant instant() {
      return now;
    }

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }
  }
}
