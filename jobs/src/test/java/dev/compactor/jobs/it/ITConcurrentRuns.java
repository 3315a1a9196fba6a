package dev.compactor.jobs.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.compactor.jobs.it.CompactorHarness.Backend;
import dev.compactor.store.ObjectInfo;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * One writer at a time (DESIGN section 7), with real CLI processes on the real S3 API server: the
 * lease is a few seconds long here, so every run outlasts it and must keep it by renewing.
 */
class ITConcurrentRuns {

  private static final long RUN_TIMEOUT_SECONDS = 240;

  @TempDir Path dir;

  @Test
  void ofTwoRunsStartedTogetherOneProceedsAndTheOtherExitsThreeNamingTheHolder() throws Exception {
    try (CompactorHarness h = harness("4")) {
      h.generate(40, 31);
      Child first = Child.start(h, "run");
      Child second = Child.start(h, "run");
      int firstCode = first.await();
      int secondCode = second.await();

      assertThat(List.of(firstCode, secondCode))
          .as(first.output() + "\n----\n" + second.output())
          .containsExactlyInAnyOrder(0, 3);
      Child loser = firstCode == 3 ? first : second;
      assertThat(loser.output())
          .containsPattern("locked by \\S+ \\(run\\) on \\S+ until \\d{4}-\\d\\d-\\d\\dT");
      assertThat(lock(h)).as("the winner released its lease").isEmpty();
    }
  }

  @Test
  void withWaitTheSecondRunWaitsWhileTheFirstRenewsItsLeaseThenFindsNothingLeft() throws Exception {
    try (CompactorHarness h = harness("4")) {
      h.generate(40, 32);
      Child first = Child.start(h, "run");
      Set<String> leaseVersions = new HashSet<>();
      awaitLock(h, first);
      Child second = Child.start(h, "run", "--wait");
      // Watch the lock while the first run lasts: each renewal is a new ETag of the same object.
      while (first.process.isAlive()) {
        lockInfo(h).ifPresent(info -> leaseVersions.add(info.etag()));
        Thread.sleep(50);
      }
      assertThat(first.await()).as(first.output()).isZero();
      assertThat(second.await()).as(second.output()).isZero();

      assertThat(leaseVersions)
          .as("the lease was renewed while the first run outlasted it")
          .hasSizeGreaterThan(2);
      assertThat(first.output()).doesNotContain("lease lost");
      assertThat(second.output()).contains("nothing changed in clicks");
      assertThat(lock(h)).isEmpty();
    }
  }

  @Test
  void aLeaseLeftByAKilledHolderBlocksUntilItExpiresAndIsThenTakenOver() throws Exception {
    // Long enough that a second JVM starts well before the dead lease expires.
    try (CompactorHarness h = harness("20")) {
      h.generate(40, 33);
      Child holder = Child.start(h, "run");
      awaitLock(h, holder);
      String deadLease = new String(h.storage().state().store().readAll(lockKey(h)));
      holder.process.destroyForcibly(); // SIGKILL: no shutdown hook releases the lease
      holder.process.waitFor();
      assertThat(lock(h)).as("a killed run leaves its lease behind").isPresent();

      Child impatient = Child.start(h, "run");
      assertThat(impatient.await()).as(impatient.output()).isEqualTo(3);
      assertThat(impatient.output()).contains("locked by").contains("until");
      assertThat(deadLease).contains(ownerIn(impatient.output()));

      Child patient = Child.start(h, "run", "--wait");
      assertThat(patient.await()).as(patient.output()).isZero();
      assertThat(lock(h)).isEmpty();
      assertThat(h.window().hours())
          .as("the run that took the lease over committed every hour of the window")
          .allSatisfy(
              hour ->
                  assertThat(
                          h.storage()
                              .state()
                              .store()
                              .head(h.storage().state().key(h.outputLayout().manifestKey(hour))))
                      .isPresent());
    }
  }

  private CompactorHarness harness(String leaseSeconds) {
    return CompactorHarness.create(Backend.S3, dir)
        .set("lock.renew-seconds", "1")
        .set("lock.lease-seconds", leaseSeconds);
  }

  private static String ownerIn(String output) {
    var m = Pattern.compile("locked by (\\S+)").matcher(output);
    assertThat(m.find()).as(output).isTrue();
    return m.group(1);
  }

  private static void awaitLock(CompactorHarness h, Child child) throws InterruptedException {
    while (lock(h).isEmpty()) {
      if (!child.process.isAlive()) {
        fail("the run ended before taking its lease:\n" + child.output());
      }
      Thread.sleep(20); // polling the store for the lease object
    }
  }

  private static Optional<byte[]> lock(CompactorHarness h) {
    return h.storage().state().store().readIfExists(lockKey(h));
  }

  private static Optional<ObjectInfo> lockInfo(CompactorHarness h) {
    return h.storage().state().store().head(lockKey(h));
  }

  private static String lockKey(CompactorHarness h) {
    return h.storage().state().key(h.outputLayout().lockKey());
  }

  /** A CLI process and the file its output goes to. */
  private record Child(Process process, Path log) {
    static Child start(CompactorHarness h, String... args) throws IOException {
      List<String> all = new ArrayList<>(List.of(args));
      all.addAll(List.of("--at", CompactorHarness.LAST_HOUR.toString()));
      Process p = h.startCli(all.toArray(String[]::new));
      return new Child(p, h.lastCliLog());
    }

    int await() throws InterruptedException {
      if (!process.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        fail("the run did not finish:\n" + output());
      }
      return process.exitValue();
    }

    String output() {
      try {
        return Files.readString(log);
      } catch (IOException e) {
        return "(cannot read " + log + ")";
      }
    }
  }
}
