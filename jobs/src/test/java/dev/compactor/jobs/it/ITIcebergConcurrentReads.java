package dev.compactor.jobs.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compactor.jobs.it.CompactorHarness.Backend;
import dev.compactor.jobs.run.ExitCode;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.rest.LoopbackRestCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A notebook user's query loop while hourly runs rebuild every partition of the window: with the
 * Iceberg table, every read succeeds and counts exactly the rows of one committed snapshot. (The
 * Hive-style folders, replaced object by object, failed reads and mixed two runs here.)
 */
class ITIcebergConcurrentReads {

  private static final int RUNS = 3;

  @TempDir Path dir;

  /** One answer of the reader: the snapshot it read and how many rows it counted. */
  private record Answer(long snapshotId, long rows) {}

  @Test
  void aReaderDuringRebuildsSeesOneCommittedSnapshotEveryTime() throws Exception {
    try (CompactorHarness h = CompactorHarness.create(Backend.S3, dir.resolve("h"));
        LoopbackRestCatalog server = ITIcebergTable.catalogFor(h)) {
      ITIcebergTable.icebergOn(h, server);
      h.generate(30, 101);
      assertThat(h.run().exitCode()).isEqualTo(ExitCode.DONE);

      ConcurrentLinkedQueue<Answer> answers = new ConcurrentLinkedQueue<>();
      ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
      AtomicLong lastSeen = new AtomicLong();
      AtomicBoolean stop = new AtomicBoolean();
      Thread reader =
          new Thread(
              () -> {
                while (!stop.get()) {
                  try (ITIcebergTable.Reader table = new ITIcebergTable.Reader(h, server)) {
                    Snapshot current = table.current();
                    long rows = table.rows(current.snapshotId()).size();
                    answers.add(new Answer(current.snapshotId(), rows));
                    synchronized (lastSeen) {
                      lastSeen.set(current.snapshotId());
                      lastSeen.notifyAll();
                    }
                  } catch (Throwable t) {
                    failures.add(t);
                    synchronized (lastSeen) {
                      lastSeen.notifyAll();
                    }
                  }
                }
              },
              "notebook");
      reader.start();
      try {
        for (int run = 1; run <= RUNS; run++) {
          // New deliveries in every partition: each run rebuilds all 48.
          h.generate(30 + 10 * run, 101 + run);
          assertThat(h.run().report().rebuilt()).isEqualTo(48);
          try (ITIcebergTable.Reader table = new ITIcebergTable.Reader(h, server)) {
            awaitReaderSaw(lastSeen, table.current().snapshotId(), failures);
          }
        }
      } finally {
        stop.set(true);
        reader.join(TimeUnit.MINUTES.toMillis(2));
      }

      assertThat(failures).as("failed reads").isEmpty();
      Map<Long, Long> committedRows = new TreeMap<>();
      try (ITIcebergTable.Reader table = new ITIcebergTable.Reader(h, server)) {
        List<Snapshot> snapshots = table.snapshots();
        assertThat(snapshots).hasSize(RUNS + 1);
        for (Snapshot s : snapshots) {
          committedRows.put(s.snapshotId(), (long) table.rows(s.snapshotId()).size());
        }
      }
      List<Answer> all = new ArrayList<>(answers);
      assertThat(all).as("reads").hasSizeGreaterThanOrEqualTo(RUNS);
      assertThat(all.stream().map(Answer::snapshotId).distinct().count())
          .as("snapshots the reader saw")
          .isGreaterThanOrEqualTo(RUNS);
      for (Answer answer : all) {
        assertThat(committedRows).containsKey(answer.snapshotId());
        assertThat(answer.rows())
            .as("rows read from snapshot %d", answer.snapshotId())
            .isEqualTo(committedRows.get(answer.snapshotId()));
      }
      System.out.printf(
          "concurrent reads: %d answers, 0 failed, over %d snapshots, row counts %s%n",
          all.size(), committedRows.size(), committedRows.values());
    }
  }

  /** Blocks until the reader has read {@code snapshot} (or failed), so every run is overlapped. */
  private static void awaitReaderSaw(
      AtomicLong lastSeen, long snapshot, ConcurrentLinkedQueue<Throwable> failures)
      throws InterruptedException {
    long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(2);
    synchronized (lastSeen) {
      while (lastSeen.get() != snapshot && failures.isEmpty()) {
        long left = TimeUnit.NANOSECONDS.toMillis(deadline - System.nanoTime());
        assertThat(left).as("the reader reads snapshot %d within 2 minutes", snapshot).isPositive();
        lastSeen.wait(left);
      }
    }
  }
}
