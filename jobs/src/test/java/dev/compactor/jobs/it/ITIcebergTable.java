package dev.compactor.jobs.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compactor.domain.Hour;
import dev.compactor.domain.PartitionId;
import dev.compactor.domain.Window;
import dev.compactor.jobs.it.CompactorHarness.Backend;
import dev.compactor.jobs.run.ExitCode;
import dev.compactor.jobs.run.RunOutcome;
import dev.compactor.jobs.table.EventTable;
import dev.compactor.jobs.table.IcebergCatalog;
import dev.compactor.jobs.table.OrphanScope;
import dev.compactor.jobs.table.TableRetention;
import dev.compactor.store.S3TestServer;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.data.Record;
import org.apache.iceberg.rest.LoopbackRestCatalog;
import org.apache.iceberg.rest.RESTCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code parquet-table=iceberg} against Iceberg's reference REST catalog on loopback, its warehouse
 * on the S3 test server; the table is read back with Iceberg's own reader through a client of its
 * own.
 */
class ITIcebergTable {

  @TempDir Path dir;

  @Test
  void eachRunCommitsOneSnapshotHoldingExactlyTheDeduplicatedEvents() throws Exception {
    try (CompactorHarness h = CompactorHarness.create(Backend.S3, dir.resolve("h"));
        LoopbackRestCatalog server = catalogFor(h)) {
      icebergOn(h, server);
      h.generate(40, 91);

      RunOutcome first = h.run();
      long firstRows;
      assertThat(first.exitCode()).isEqualTo(ExitCode.DONE);
      try (Reader table = new Reader(h, server)) {
        assertThat(table.snapshots()).hasSize(1);
        Snapshot s1 = table.current();
        assertThat(s1.summary())
            .containsEntry("compactor.run-id", first.report().runId())
            .containsEntry("compactor.window", h.window().toString())
            .containsEntry("compactor.partitions-added", "48");
        assertRowsAre(table.rows(null), ExpectedOutput.of(h, h.eventType().schema(), false));
        firstRows = table.rows(null).size();
      }
      assertThat(h.outputObjects().keySet())
          .as("no Hive-style Parquet folder is written")
          .noneMatch(k -> k.contains("/parquet/clicks/"));

      assertThat(h.run().exitCode()).isEqualTo(ExitCode.DONE);
      try (Reader table = new Reader(h, server)) {
        assertThat(table.snapshots()).as("a run with nothing new commits nothing").hasSize(1);
      }

      Hour last = CompactorHarness.LAST_HOUR;
      h.generate(new Window(last, last), 30, 92);
      assertThat(h.run().exitCode()).isEqualTo(ExitCode.DONE);
      try (Reader table = new Reader(h, server)) {
        List<Snapshot> snapshots = table.snapshots();
        assertThat(snapshots).hasSize(2);
        assertThat(table.current().summary())
            .containsEntry("compactor.partitions-added", String.valueOf(CompactorHarness.BUCKETS))
            .containsEntry(
                "compactor.partitions-removed", String.valueOf(CompactorHarness.BUCKETS));
        assertRowsAre(table.rows(null), ExpectedOutput.of(h, h.eventType().schema(), false));
        long before = snapshots.get(0).snapshotId();
        assertThat(table.rows(before)).as("time travel to the first run").hasSize((int) firstRows);
        for (String file : table.filesOf(before)) {
          assertThat(h.storage().output().store().head(keyOf(file)))
              .as("a file the older snapshot references is kept: %s", file)
              .isPresent();
        }
      }
    }
  }

  @Test
  void aRunThatCommittedItsManifestsButNotTheTableIsRepairedByTheNextOne() throws Exception {
    try (CompactorHarness h = CompactorHarness.create(Backend.S3, dir.resolve("h"));
        LoopbackRestCatalog server = catalogFor(h)) {
      h.generate(20, 93);
      // The catalog unreachable: outputs and manifests are committed, then the table commit fails.
      h.set("iceberg.catalog-uri", "http://127.0.0.1:9")
          .set("event-type.clicks.parquet-table", "iceberg");
      try {
        h.run();
      } catch (RuntimeException expected) {
        // Connection refused: the run fails after its manifests.
      }
      icebergOn(h, server);

      RunOutcome repair = h.run();

      assertThat(repair.report().rebuilt()).as("nothing is rebuilt").isZero();
      try (Reader table = new Reader(h, server)) {
        assertThat(table.snapshots()).hasSize(1);
        assertThat(table.current().summary())
            .containsEntry("compactor.run-id", repair.report().runId());
        assertRowsAre(table.rows(null), ExpectedOutput.of(h, h.eventType().schema(), false));
      }
    }
  }

  @Test
  void retentionExpiresOnlySnapshotsNoQueryCanStillReadAndDeletesTheFilesTheyAlone()
      throws Exception {
    try (CompactorHarness h = CompactorHarness.create(Backend.S3, dir.resolve("h"));
        LoopbackRestCatalog server = catalogFor(h)) {
      icebergOn(h, server);
      h.generate(20, 94);
      h.run();
      Hour last = CompactorHarness.LAST_HOUR;
      List<List<String>> generations = new java.util.ArrayList<>();
      for (int run = 0; run < 2; run++) {
        h.generate(new Window(last, last), 30 + run, 95 + run);
        h.run();
      }
      try (Reader table = new Reader(h, server)) {
        for (Snapshot s : table.snapshots()) {
          generations.add(table.filesOf(s.snapshotId()));
        }
      }
      assertThat(generations).hasSize(3);
      List<String> current = generations.get(2);
      List<String> firstReplaced = new java.util.ArrayList<>(generations.get(0));
      firstReplaced.removeAll(generations.get(1));
      List<String> secondReplaced = new java.util.ArrayList<>(generations.get(1));
      secondReplaced.removeAll(current);
      assertThat(firstReplaced).hasSize(CompactorHarness.BUCKETS);
      java.io.ByteArrayOutputStream log = new java.io.ByteArrayOutputStream();
      java.io.PrintStream out = new java.io.PrintStream(log, true);
      java.time.Instant now = java.time.Instant.now();
      java.time.Duration age = java.time.Duration.ofHours(6);

      try (IcebergCatalog catalog = IcebergCatalog.open(h.config())) {
        EventTable table = EventTable.open(catalog, h.eventType());
        OrphanScope scope = OrphanScope.wholeTable(h.storage(), h.outputLayout());
        new TableRetention(age, fixed(now.plus(java.time.Duration.ofHours(5))), out)
            .apply(table, scope, () -> {});
        assertThat(snapshotsOf(h, server))
            .as("superseded 5 hours ago: still readable")
            .isEqualTo(3);

        new TableRetention(age, fixed(now.plus(java.time.Duration.ofHours(7))), out)
            .apply(table, scope, () -> {});
      }

      assertThat(snapshotsOf(h, server)).isEqualTo(1);
      for (String file : firstReplaced) {
        assertThat(h.storage().output().store().head(keyOf(file)))
            .as("replaced %s", file)
            .isEmpty();
        assertThat(log.toString()).contains("deleted " + file);
      }
      // Iceberg deletes a replaced file once the manifest recording its removal is gone, so it
      // leaves the files the current snapshot replaced; no snapshot left references them, and
      // they are older than the age: retention deletes them as orphans.
      for (String file : secondReplaced) {
        assertThat(h.storage().output().store().head(keyOf(file)))
            .as("replaced %s", file)
            .isEmpty();
        assertThat(log.toString()).contains("deleted " + file + " (no snapshot references it");
      }
      for (String file : current) {
        assertThat(h.storage().output().store().head(keyOf(file))).as("kept %s", file).isPresent();
      }
      try (Reader table = new Reader(h, server)) {
        assertRowsAre(table.rows(null), ExpectedOutput.of(h, h.eventType().schema(), false));
      }
      assertThat(h.run().report().rebuilt()).as("the manifests still match the outputs").isZero();
    }
  }

  private static int snapshotsOf(CompactorHarness h, LoopbackRestCatalog server) throws Exception {
    try (Reader table = new Reader(h, server)) {
      return table.snapshots().size();
    }
  }

  private static java.time.Clock fixed(java.time.Instant at) {
    return java.time.Clock.fixed(at, java.time.ZoneOffset.UTC);
  }

  static void assertRowsAre(
      List<Record> rows,
      Map<PartitionId, Map<String, org.apache.avro.generic.GenericRecord>> expected) {
    Map<PartitionId, Set<String>> ids = new TreeMap<>();
    for (Record row : rows) {
      PartitionId p =
          new PartitionId(
              Hour.of(LocalDate.parse((String) row.getField("dt")), (Integer) row.getField("hr")),
              (Integer) row.getField("bucket"));
      assertThat(
              ids.computeIfAbsent(p, k -> new TreeSet<>()).add(row.getField("event_id").toString()))
          .as("event %s once in %s", row.getField("event_id"), p)
          .isTrue();
    }
    Map<PartitionId, Set<String>> want = new TreeMap<>();
    expected.forEach((p, byId) -> want.put(p, new TreeSet<>(byId.keySet())));
    assertThat(ids).isEqualTo(want);
  }

  static void icebergOn(CompactorHarness h, LoopbackRestCatalog server) {
    h.set("iceberg.catalog-uri", server.uri()).set("event-type.clicks.parquet-table", "iceberg");
  }

  static LoopbackRestCatalog catalogFor(CompactorHarness h) throws Exception {
    String warehouse = "s3://" + h.config().outputRoot().bucket() + "/warehouse";
    Map<String, String> serverIo = new HashMap<>(fileIo());
    serverIo.put("s3.access-key-id", S3TestServer.ACCESS_KEY);
    serverIo.put("s3.secret-access-key", S3TestServer.SECRET_KEY);
    return LoopbackRestCatalog.start(warehouse, serverIo, h.scratch());
  }

  private static Map<String, String> fileIo() {
    return IcebergCatalog.fileIo(S3TestServer.shared().s3Settings());
  }

  static String keyOf(String uri) {
    String rest = uri.substring("s3://".length());
    return rest.substring(rest.indexOf('/') + 1);
  }

  /** A catalog client of the test's own, as a query engine would connect. */
  static final class Reader implements AutoCloseable {
    private final RESTCatalog catalog = new RESTCatalog();
    private final Table table;

    Reader(CompactorHarness h, LoopbackRestCatalog server) {
      this(h, server, "compactor");
    }

    Reader(CompactorHarness h, LoopbackRestCatalog server, String namespace) {
      Map<String, String> properties = new HashMap<>(fileIo());
      properties.put("uri", server.uri());
      catalog.initialize("reader", properties);
      table = catalog.loadTable(TableIdentifier.of(namespace, CompactorHarness.EVENT_TYPE));
    }

    List<Snapshot> snapshots() {
      List<Snapshot> all = new java.util.ArrayList<>();
      table.snapshots().forEach(all::add);
      return all;
    }

    Snapshot current() {
      return table.currentSnapshot();
    }

    Table table() {
      return table;
    }

    List<Record> rows(Long snapshotId) {
      return IcebergRows.read(table, snapshotId);
    }

    List<String> filesOf(long snapshotId) {
      List<String> files = new java.util.ArrayList<>();
      try (var tasks = table.newScan().useSnapshot(snapshotId).planFiles()) {
        tasks.forEach(t -> files.add(t.file().location()));
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
      return files;
    }

    @Override
    public void close() throws Exception {
      catalog.close();
    }
  }
}
