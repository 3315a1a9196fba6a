package dev.compactor.jobs.table;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.function.Consumer;
import org.apache.iceberg.ContentFile;
import org.apache.iceberg.ManifestContent;
import org.apache.iceberg.ManifestFile;
import org.apache.iceberg.ManifestFiles;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.io.CloseableIterable;

/**
 * The snapshots of one event type's table, as retention sees them: when each was committed, which
 * expire, and which files they reference.
 */
public final class TableSnapshots {

  /**
   * What an expiry would do.
   *
   * @param snapshots the snapshots it removes, by ID, with their commit times
   * @param files the locations only those snapshots reference, which it deletes
   */
  public record Expiry(SortedMap<Long, Instant> snapshots, Set<String> files) {}

  private final Table table;

  TableSnapshots(Table table) {
    this.table = table;
  }

  /** The commit times of the table's snapshots, oldest first. */
  public List<Instant> commitTimes() {
    table.refresh();
    List<Instant> times = new ArrayList<>();
    table.snapshots().forEach(s -> times.add(Instant.ofEpochMilli(s.timestampMillis())));
    times.sort(null);
    return times;
  }

  /**
   * Expires the snapshots committed before {@code cutoff} (never the current one); Iceberg deletes
   * the data and metadata files that only they referenced, handing each to {@code deleted}.
   */
  public void expireBefore(Instant cutoff, Consumer<String> deleted) {
    table
        .expireSnapshots()
        .expireOlderThan(cutoff.toEpochMilli())
        .retainLast(1)
        .deleteWith(
            path -> {
              table.io().deleteFile(path);
              deleted.accept(path);
            })
        .commit();
    table.refresh();
  }

  /** What {@link #expireBefore} would expire and delete, committing and deleting nothing. */
  public Expiry previewExpiry(Instant cutoff) {
    table.refresh();
    List<Snapshot> expired =
        table.expireSnapshots().expireOlderThan(cutoff.toEpochMilli()).retainLast(1).apply();
    SortedMap<Long, Instant> ids = new TreeMap<>();
    expired.forEach(s -> ids.put(s.snapshotId(), Instant.ofEpochMilli(s.timestampMillis())));
    List<Snapshot> retained = new ArrayList<>();
    table.snapshots().forEach(s -> retained.add(s));
    retained.removeIf(s -> ids.containsKey(s.snapshotId()));
    Set<String> files = referencedBy(expired);
    files.removeAll(referencedBy(retained));
    return new Expiry(ids, files);
  }

  /**
   * The location of every data and delete file a snapshot still in the table references: the live
   * entries of each distinct manifest, each manifest read once.
   */
  public Set<String> referencedFiles() {
    table.refresh();
    List<Snapshot> all = new ArrayList<>();
    table.snapshots().forEach(all::add);
    return referencedBy(all);
  }

  private Set<String> referencedBy(List<Snapshot> snapshots) {
    Set<String> manifests = new HashSet<>();
    Set<String> files = new HashSet<>();
    for (Snapshot snapshot : snapshots) {
      for (ManifestFile manifest : snapshot.allManifests(table.io())) {
        if (manifests.add(manifest.path())) {
          addLiveFiles(manifest, files);
        }
      }
    }
    return files;
  }

  private void addLiveFiles(ManifestFile manifest, Set<String> files) {
    try (CloseableIterable<String> paths =
        manifest.content() == ManifestContent.DATA
            ? ManifestFiles.readPaths(manifest, table.io())
            : CloseableIterable.transform(
                ManifestFiles.readDeleteManifest(manifest, table.io(), table.specs()),
                ContentFile::location)) {
      paths.forEach(files::add);
    } catch (IOException e) {
      throw new UncheckedIOException("reading the manifest " + manifest.path(), e);
    }
  }
}
