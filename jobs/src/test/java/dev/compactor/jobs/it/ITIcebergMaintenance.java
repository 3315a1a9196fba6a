package dev.compactor.jobs.it;

import static dev.compactor.jobs.it.ITIcebergTable.assertRowsAre;
import static dev.compactor.jobs.it.ITIcebergTable.catalogFor;
import static dev.compactor.jobs.it.ITIcebergTable.icebergOn;
import static dev.compactor.jobs.it.ITIcebergTable.keyOf;
import static org.assertj.core.api.Assertions.assertThat;

import dev.compactor.domain.Hour;
import dev.compactor.domain.PartitionId;
import dev.compactor.domain.Window;
import dev.compactor.jobs.cli.Compactor;
import dev.compactor.jobs.it.CompactorHarness.Backend;
import dev.compactor.jobs.it.ITIcebergTable.Reader;
import dev.compactor.jobs.table.EventTable;
import dev.compactor.jobs.table.IcebergCatalog;
import dev.compactor.jobs.table.OrphanScope;
import dev.compactor.jobs.table.TableRetention;
import dev.compactor.lock.Lease;
import dev.compactor.lock.LeaseLock;
import dev.compactor.manifest.HourManifest;
import dev.compactor.manifest.ManifestCodec;
import dev.compactor.store.S3TestServer;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.rest.LoopbackRestCatalog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Retention of orphaned table data files, by the hourly run's retention (its window) and by {@code
 * compactor maintain} (the whole table), against Iceberg's reference REST catalog on loopback: an
 * orphan is a Parquet object under the table's data folder that no snapshot references, here a copy
 * of a real data file under a name no run wrote.
 */
class ITIcebergMaintenance {

  private static final Duration AGE = Duration.ofHours(6);
  private static final Hour LAST = CompactorHarness.LAST_HOUR;
  private static final Hour SETTLED = Hour.parse("2026-11-20T05");
  private static final String NO_RUN_WROTE_IT = "00000000000000ff";

  @TempDir Path dir;

  private String stdout;
  private String stderr;

  @Test
  void anOrphanOlderThanTheAgeIsDeletedAndEveryFileASnapshotReferencesIsKept() throws Exception {
    try (CompactorHarness h = CompactorHarness.create(Backend.S3, dir.resolve("h"));
        LoopbackRestCatalog server = catalogFor(h)) {
      icebergOn(h, server);
      twoRuns(h);
      String orphan = copyOfADataFile(h, new PartitionId(LAST, 0));
      String settledOrphan = copyOfADataFile(h, new PartitionId(SETTLED, 1));
      Instant now = Instant.now();
      ByteArrayOutputStream log = new ByteArrayOutputStream();

      try (IcebergCatalog catalog = IcebergCatalog.open(h.config())) {
        EventTable table = EventTable.open(catalog, h.eventType());
        retention(now, log).apply(table, windowScope(h), () -> {});
        assertThat(exists(h, orphan)).as("younger than the age: a run may commit it yet").isTrue();
        assertThat(log.toString(StandardCharsets.UTF_8))
            .contains("0 orphaned data file(s) deleted", "1 younger than 6 h");

        retention(now.plus(Duration.ofHours(7)), log).apply(table, windowScope(h), () -> {});
      }

      assertThat(exists(h, orphan)).isFalse();
      assertThat(log.toString(StandardCharsets.UTF_8))
          .contains(
              "deleted "
                  + uriOf(h, orphan)
                  + " (no snapshot references it and no manifest names it; last modified ")
          // The expiry left the 4 files only the expired snapshot used (Iceberg deletes a replaced
          // file once the manifest recording its removal expires): they are orphans too.
          .contains(
              "table compactor.clicks "
                  + h.window()
                  + ": 5 orphaned data file(s) deleted; kept 48 a snapshot references, 0 a manifest"
                  + " names, 0 younger than 6 h");
      assertThat(exists(h, settledOrphan))
          .as("outside the window: the hourly run leaves it (a backfill may own that hour)")
          .isTrue();
      assertEverySnapshotsFilesExistAndTheRowsAreTheRuns(h, server);
    }
  }

  @Test
  void aFileAManifestNamesIsKeptUntilTheRunThatCommitsIt() throws Exception {
    try (CompactorHarness h = CompactorHarness.create(Backend.S3, dir.resolve("h"));
        LoopbackRestCatalog server = catalogFor(h)) {
      icebergOn(h, server);
      h.generate(20, 121);
      h.run();
      h.generate(new Window(LAST, LAST), 30, 122);
      // The catalog unreachable: the hour's new files and its manifest are written, the commit
      // fails.
      h.set("iceberg.catalog-uri", "http://127.0.0.1:9");
      try {
        h.run();
      } catch (RuntimeException expected) {
        // Connection refused after the manifests.
      }
      icebergOn(h, server);
      List<String> uncommitted = new ArrayList<>(tableKeysNamedBy(manifest(h, LAST)));
      try (Reader reader = new Reader(h, server)) {
        uncommitted.removeAll(
            reader.filesOf(reader.current().snapshotId()).stream()
                .map(ITIcebergTable::keyOf)
                .toList());
      }
      assertThat(uncommitted).hasSize(CompactorHarness.BUCKETS);
      ByteArrayOutputStream log = new ByteArrayOutputStream();

      try (IcebergCatalog catalog = IcebergCatalog.open(h.config())) {
        EventTable table = EventTable.open(catalog, h.eventType());
        retention(Instant.now().plus(Duration.ofHours(7)), log)
            .apply(table, OrphanScope.wholeTable(h.storage(), h.outputLayout()), () -> {});
      }

      for (String key : uncommitted) {
        assertThat(exists(h, key)).as("the next run commits %s", key).isTrue();
      }
      assertThat(log.toString(StandardCharsets.UTF_8))
          .contains("0 orphaned data file(s) deleted; kept 48 a snapshot references, 4 a manifest");
      assertThat(h.run().report().rebuilt()).isZero();
      try (Reader reader = new Reader(h, server)) {
        assertRowsAre(reader.rows(null), ExpectedOutput.of(h, h.eventType().schema(), false));
      }
    }
  }

  @Test
  void maintainDryRunNamesTheOrphansThenMaintainDeletesThemInEveryHour() throws Exception {
    try (CompactorHarness h = CompactorHarness.create(Backend.S3, dir.resolve("h"));
        LoopbackRestCatalog server = catalogFor(h)) {
      icebergOn(h, server);
      twoRuns(h);
      String orphan = copyOfADataFile(h, new PartitionId(LAST, 0));
      String settledOrphan = copyOfADataFile(h, new PartitionId(SETTLED, 1));
      String young = copyOfADataFile(h, new PartitionId(SETTLED, 2));
      Instant longAgo = Instant.now().minus(Duration.ofHours(7));
      for (String key : List.of(orphan, settledOrphan)) {
        S3TestServer.shared().setLastModified(h.config().outputRoot().bucket(), key, longAgo);
      }

      assertThat(cli(h, "maintain", "--dry-run")).isZero();
      assertThat(stderr)
          .contains("would delete " + uriOf(h, orphan) + " (no snapshot references it")
          .contains("would delete " + uriOf(h, settledOrphan) + " (no snapshot references it")
          .doesNotContain("would delete " + uriOf(h, young));
      assertThat(stdout)
          .contains(
              "maintain clicks (dry run): 0 snapshot(s) would be expired, 0 data file(s) only they"
                  + " used would be deleted, 2 orphaned data file(s) would be deleted");
      assertThat(List.of(orphan, settledOrphan, young)).allMatch(k -> exists(h, k));

      assertThat(cli(h, "maintain")).isZero();
      assertThat(stderr).contains("deleted " + uriOf(h, settledOrphan) + " (no snapshot");
      assertThat(stdout).contains("2 orphaned data file(s) deleted");
      assertThat(exists(h, orphan)).isFalse();
      assertThat(exists(h, settledOrphan)).isFalse();
      assertThat(exists(h, young)).as("younger than the age").isTrue();
      assertEverySnapshotsFilesExistAndTheRowsAreTheRuns(h, server);
      try (Reader reader = new Reader(h, server)) {
        assertThat(reader.snapshots()).as("both snapshots are younger than the age").hasSize(2);
      }
    }
  }

  @Test
  void maintainTakesTheRunsLock() throws Exception {
    try (CompactorHarness h = CompactorHarness.create(Backend.S3, dir.resolve("h"));
        LoopbackRestCatalog server = catalogFor(h)) {
      icebergOn(h, server);
      LeaseLock lock = h.runLock();
      try (Lease held = lock.acquire("run-abc123", "ops-host", "run")) {
        assertThat(cli(h, "maintain")).isEqualTo(3);
        assertThat(stderr).contains("locked by run-abc123 (run) on ops-host until");
      }
      assertThat(cli(h, "maintain")).isZero();
      assertThat(stdout).contains("maintain clicks: no table yet, nothing to do");
    }
  }

  @Test
  void theTableBoundsItsMetadataFilesAlsoWhenCreatedBeforeTheLimit() throws Exception {
    try (CompactorHarness h = CompactorHarness.create(Backend.S3, dir.resolve("h"));
        LoopbackRestCatalog server = catalogFor(h)) {
      icebergOn(h, server);
      h.generate(10, 131);
      h.run();
      try (Reader reader = new Reader(h, server)) {
        assertThat(reader.table().properties())
            .containsEntry("write.metadata.delete-after-commit.enabled", "true")
            .containsEntry("write.metadata.previous-versions-max", "48");
        // A table created before the limit was set at create.
        reader
            .table()
            .updateProperties()
            .remove("write.metadata.delete-after-commit.enabled")
            .remove("write.metadata.previous-versions-max")
            .commit();
      }

      h.run();

      try (Reader reader = new Reader(h, server)) {
        assertThat(reader.table().properties())
            .containsEntry("write.metadata.delete-after-commit.enabled", "true")
            .containsEntry("write.metadata.previous-versions-max", "48");
      }
    }
  }

  private static void twoRuns(CompactorHarness h) {
    h.generate(20, 111);
    h.run();
    h.generate(new Window(LAST, LAST), 30, 112);
    h.run();
  }

  /** A copy of a real data file under a name no run wrote, in {@code partition}'s folder. */
  private static String copyOfADataFile(CompactorHarness h, PartitionId partition) {
    String source = tableKeysNamedBy(manifest(h, LAST)).iterator().next();
    String key =
        h.storage().output().key(h.outputLayout().tableDataKey(partition, NO_RUN_WROTE_IT));
    h.storage().output().store().put(key, h.storage().output().store().readAll(source));
    return key;
  }

  private static void assertEverySnapshotsFilesExistAndTheRowsAreTheRuns(
      CompactorHarness h, LoopbackRestCatalog server) throws Exception {
    try (Reader reader = new Reader(h, server)) {
      for (Snapshot snapshot : reader.snapshots()) {
        for (String file : reader.filesOf(snapshot.snapshotId())) {
          assertThat(exists(h, keyOf(file)))
              .as("snapshot %s references %s", snapshot.snapshotId(), file)
              .isTrue();
        }
      }
      assertRowsAre(reader.rows(null), ExpectedOutput.of(h, h.eventType().schema(), false));
    }
  }

  private static TableRetention retention(Instant now, ByteArrayOutputStream log) {
    return new TableRetention(
        AGE, Clock.fixed(now, ZoneOffset.UTC), new PrintStream(log, true, StandardCharsets.UTF_8));
  }

  private static OrphanScope windowScope(CompactorHarness h) {
    Map<Hour, HourManifest> manifests = new HashMap<>();
    h.window().hours().forEach(hour -> manifests.put(hour, manifest(h, hour)));
    return OrphanScope.window(h.storage(), h.outputLayout(), h.window(), manifests);
  }

  private static HourManifest manifest(CompactorHarness h, Hour hour) {
    String key = h.storage().state().key(h.outputLayout().manifestKey(hour));
    return ManifestCodec.decode(h.storage().state().store().readAll(key), key);
  }

  private static Set<String> tableKeysNamedBy(HourManifest manifest) {
    Set<String> keys = new TreeSet<>();
    manifest
        .partitions()
        .forEach(
            p ->
                p.outputs().stream()
                    .filter(o -> o.key().contains("/iceberg/"))
                    .forEach(o -> keys.add(o.key())));
    return keys;
  }

  private static boolean exists(CompactorHarness h, String key) {
    return h.storage().output().store().head(key).isPresent();
  }

  private static String uriOf(CompactorHarness h, String key) {
    return "s3://" + h.config().outputRoot().bucket() + "/" + key;
  }

  private int cli(CompactorHarness h, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    List<String> line = new ArrayList<>(List.of(args));
    line.addAll(List.of("--config", h.configFile().toString(), "--event-type", "clicks"));
    int code =
        new Compactor(
                new PrintStream(out, true, StandardCharsets.UTF_8),
                new PrintStream(err, true, StandardCharsets.UTF_8))
            .execute(line.toArray(String[]::new));
    stdout = out.toString(StandardCharsets.UTF_8);
    stderr = err.toString(StandardCharsets.UTF_8);
    return code;
  }
}
