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
import org.apache.iceberg.rest.LoopbackRestCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Crash safety of an Iceberg event type: a {@code compactor run} in its own JVM is killed with
 * SIGKILL while it writes data files, while it writes manifests, or once they are all written
 * (during the table commit), then run again: the table holds every event exactly once and every
 * file it references exists. Each moment gets a fresh table (its own namespace) and store.
 */
class ITIcebergCrashSafety {

  private static final int MOMENTS = Integer.getInteger("crash.iceberg-moments", 4);
  private static final long SEED = Long.getLong("crash.seed", 20261202L);
  private static final int MAX_DELAY_MILLIS = 300;
  private static final long RUN_TIMEOUT_SECONDS = 300;

  /** 48 Avro + 48 table data files + 12 hour manifests. */
  private static final int OBJECTS = 108;

  @TempDir Path dir;

  @Test
  void aRunKilledAtAnyMomentAndRerunLeavesEachEventOnceInTheTable() throws Exception {
    SplittableRandom random = new SplittableRandom(SEED);
    List<String> report = new ArrayList<>();
    int killedWhileRunning = 0;
    try (CompactorHarness h =
            CompactorHarness.create(Backend.S3, dir.resolve("h"))
                .set("lock.renew-seconds", "1")
                .set("lock.lease-seconds", "4");
        LoopbackRestCatalog server = ITIcebergTable.catalogFor(h)) {
      ITIcebergTable.icebergOn(h, server);
      h.generate(150, SEED);
      for (int i = 0; i < MOMENTS; i++) {
        // The last moment waits for every object: the kill lands in or after the table commit.
        int published =
            i == MOMENTS - 1
                ? OBJECTS
                : Math.min(OBJECTS, (int) ((i + random.nextDouble()) * OBJECTS / (MOMENTS - 1)));
        int delay = random.nextInt(MAX_DELAY_MILLIS + 1);
        StoreSnapshot.wipe(h.storage());
        h.set("iceberg.namespace", "crash" + i);

        Process child = h.startCli("run", "--at", CompactorHarness.LAST_HOUR.toString());
        boolean alive = awaitPublished(h, child, published, delay);
        child.destroyForcibly(); // SIGKILL: no shutdown hooks, no lease release
        child.waitFor();
        killedWhileRunning += alive ? 1 : 0;
        report.add(
            "kill #"
                + i
                + " after "
                + published
                + " objects + "
                + delay
                + " ms: "
                + (alive ? "killed" : "already finished"));

        runToCompletion(h, "run", "--wait");

        try (ITIcebergTable.Reader table = new ITIcebergTable.Reader(h, server, "crash" + i)) {
          ITIcebergTable.assertRowsAre(
              table.rows(null), ExpectedOutput.of(h, h.eventType().schema(), false));
          for (String file : table.filesOf(table.current().snapshotId())) {
            assertThat(h.storage().output().store().head(ITIcebergTable.keyOf(file)))
                .as("file the table references after kill #%d: %s", i, file)
                .isPresent();
          }
          assertThat(table.snapshots()).as("snapshots after kill #%d", i).hasSizeBetween(1, 2);
        }
      }
    }
    report.forEach(System.out::println);
    assertThat(killedWhileRunning)
        .as(String.join("\n", report))
        .isGreaterThanOrEqualTo(MOMENTS / 2);
  }

  /**
   * Waits until {@code published} objects exist, then {@code delay}; whether the child still runs.
   */
  private static boolean awaitPublished(CompactorHarness h, Process child, int published, int delay)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(RUN_TIMEOUT_SECONDS);
    while (StoreSnapshot.published(h.storage()) < published) {
      if (!child.isAlive()) {
        return false;
      }
      if (System.nanoTime() > deadline) {
        fail("the child never published " + published + " objects:\n" + tail(h.lastCliLog()));
      }
      Thread.sleep(5); // polling the store, not waiting out a race
    }
    Thread.sleep(delay);
    return child.isAlive();
  }

  private static void runToCompletion(CompactorHarness h, String... args)
      throws IOException, InterruptedException {
    List<String> all = new ArrayList<>(List.of(args));
    all.addAll(List.of("--at", CompactorHarness.LAST_HOUR.toString()));
    Process run = h.startCli(all.toArray(String[]::new));
    if (!run.waitFor(RUN_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      run.destroyForcibly();
      fail("compactor " + all + " did not finish:\n" + tail(h.lastCliLog()));
    }
    assertThat(run.exitValue()).as("compactor %s; output:%n%s", all, tail(h.lastCliLog())).isZero();
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
