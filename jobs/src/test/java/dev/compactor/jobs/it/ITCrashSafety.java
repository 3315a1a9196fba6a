package dev.compactor.jobs.it;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.fail;

import dev.compactor.jobs.it.CompactorHarness.Backend;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.SplittableRandom;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Crash safety of the real CLI: a {@code compactor run} in its own JVM is killed with SIGKILL at a
 * chosen moment, then run again to completion; the outputs and manifests must equal, byte for byte,
 * those of an uninterrupted run in another JVM (see {@link StoreSnapshot} for what is compared).
 *
 * <p>Kill moments are spread over the whole run by waiting for the child to hold its lease (Spark
 * starting) or for the n-th object it publishes (outputs, then manifests), then a seeded random
 * delay. {@code -Dcrash.moments=50 -Dcrash.seed=7} (or {@code submit/crash-test.sh 50 7}) runs more
 * of them. The killed run's lease blocks the rerun until it expires, so the lease here is 4 seconds
 * and the rerun passes {@code --wait}: it takes the dead lease over exactly as the product does in
 * production.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class ITCrashSafety {

  private static final int MOMENTS = Integer.getInteger("crash.moments", 5);
  private static final long SEED = Long.getLong("crash.seed", 20261123L);
  private static final int EVENTS_PER_HOUR = Integer.getInteger("crash.events-per-hour", 250);
  private static final int MAX_DELAY_MILLIS = 300;
  private static final long RUN_TIMEOUT_SECONDS = 300;

  @TempDir static Path dir;

  private CompactorHarness h;
  private StoreSnapshot reference;
  private final List<String> killReport = new ArrayList<>();
  private int momentsRun;
  private int killedWhileRunning;

  /**
   * A moment to kill at: once {@code published} objects exist (0: once the lease is held), then a
   * delay.
   */
  record KillMoment(int index, int published, int delayMillis) {
    @Override
    public String toString() {
      return "#"
          + index
          + ": after "
          + (published == 0 ? "the lease is taken" : published + " objects")
          + " + "
          + delayMillis
          + " ms";
    }
  }

  @BeforeAll
  void generateInputOnceAndRunTheReference() throws Exception {
    h =
        CompactorHarness.create(Backend.S3, dir)
            .set("lock.renew-seconds", "1")
            .set("lock.lease-seconds", "4");
    h.generate(EVENTS_PER_HOUR, SEED);
    runToCompletion("run");
    reference = StoreSnapshot.of(h.storage());
    assertThat(reference.objects()).as("48 partitions x 2 formats + 12 manifests").hasSize(108);
  }

  @AfterAll
  void close() {
    killReport.forEach(System.out::println);
    if (h != null) {
      h.close();
    }
  }

  @Test
  void twoUninterruptedRunsInSeparateProcessesWriteIdenticalBytes() throws Exception {
    StoreSnapshot.wipe(h.storage());
    runToCompletion("run");
    assertThat(reference.differencesFrom(StoreSnapshot.of(h.storage())))
        .as("objects unlike the reference run's")
        .isEmpty();
  }

  @ParameterizedTest(name = "kill {0}")
  @MethodSource("moments")
  void aRunKilledAtAnyMomentAndRerunEndsWithTheReferenceBytes(KillMoment moment) throws Exception {
    StoreSnapshot.wipe(h.storage());
    Process child = h.startCli("run", "--at", CompactorHarness.LAST_HOUR.toString());
    boolean alive = awaitMoment(child, moment);
    child.destroyForcibly(); // SIGKILL on Linux: no shutdown hooks, no lease release
    child.waitFor();
    int publishedAtKill = StoreSnapshot.published(h.storage());
    momentsRun++;
    if (alive) {
      killedWhileRunning++;
    }
    killReport.add(
        "kill "
            + moment
            + ": "
            + (alive
                ? "killed with " + publishedAtKill + " objects published"
                : "the run had already finished"));

    runToCompletion("run", "--wait");

    assertThat(reference.differencesFrom(StoreSnapshot.of(h.storage())))
        .as("objects unlike the reference run's after kill %s", moment)
        .isEmpty();
    assertThat(h.storage().state().store().head(lockKey()))
        .as("the rerun released the lease")
        .isEmpty();
  }

  @AfterAll
  void mostMomentsHitARunningProcess() {
    // Only a moment in the last few manifest PUTs can miss a live process; most must not.
    assertThat(killedWhileRunning)
        .as(String.join("\n", killReport))
        .isGreaterThanOrEqualTo((momentsRun + 1) / 2);
  }

  /** Moments spread evenly over 0..all objects published, each at a seeded place in its slot. */
  List<KillMoment> moments() {
    SplittableRandom random = new SplittableRandom(SEED);
    int total = reference.objects().size();
    List<KillMoment> moments = new ArrayList<>();
    for (int i = 0; i < MOMENTS; i++) {
      int published = Math.min(total, (int) ((i + random.nextDouble()) * (total + 1) / MOMENTS));
      moments.add(new KillMoment(i, i == 0 ? 0 : published, random.nextInt(MAX_DELAY_MILLIS + 1)));
    }
    return moments;
  }

  /** Waits for the moment; returns whether the child was still running when it came. */
  private boolean awaitMoment(Process child, KillMoment moment) throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(RUN_TIMEOUT_SECONDS);
    while (!reached(moment)) {
      if (!child.isAlive()) {
        return false;
      }
      if (System.nanoTime() > deadline) {
        fail("kill " + moment + " never came; child output:\n" + tail(h.lastCliLog()));
      }
      Thread.sleep(5); // polling the store, not waiting out a race
    }
    Thread.sleep(moment.delayMillis());
    return child.isAlive();
  }

  private boolean reached(KillMoment moment) {
    if (moment.published() == 0) {
      return h.storage().state().store().head(lockKey()).isPresent();
    }
    return StoreSnapshot.published(h.storage()) >= moment.published();
  }

  private void runToCompletion(String... args) throws IOException, InterruptedException {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--at", CompactorHarness.LAST_HOUR.toString()));
    Process run = h.startCli(all.toArray(String[]::new));
    if (!run.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      run.destroyForcibly();
      fail("compactor " + all + " did not finish; output:\n" + tail(h.lastCliLog()));
    }
    assertThat(run.exitValue())
        .as("compactor %s exit code; output:%n%s", all, tail(h.lastCliLog()))
        .isZero();
  }

  private String lockKey() {
    return h.storage().state().key(h.outputLayout().lockKey());
  }

  private static String tail(Path log) {
    try {
      List<String> lines = Files.readAllLines(log);
      return String.join("\n", lines.subList(Math.max(0, lines.size() - 40), lines.size()));
    } catch (IOException e) {
      return "(cannot read " + log + ": " + e.getMessage() + ")";
    }
  }
}
