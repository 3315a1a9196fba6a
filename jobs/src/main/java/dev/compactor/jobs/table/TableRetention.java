package dev.compactor.jobs.table;

import dev.compactor.store.ObjectInfo;
import dev.compactor.table.OrphanFiles;
import dev.compactor.table.SnapshotRetention;
import dev.compactor.table.TableLocations;
import java.io.PrintStream;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Collectors;

/**
 * Keeps a table from growing without bound, after the run's commit or by {@code compactor
 * maintain}: expires the snapshots no query can still be reading ({@link SnapshotRetention}), so
 * Iceberg deletes the files only they referenced, then deletes the orphaned data files of a scope
 * ({@link OrphanFiles}): referenced by no snapshot left, named by no manifest, and older than the
 * age. Every deleted data file is printed with the reason, then a count.
 */
public final class TableRetention {

  /**
   * What retention did, or in a preview would do.
   *
   * @param snapshotsExpired snapshots expired
   * @param dataFilesExpired data files deleted because only expired snapshots referenced them
   * @param orphansDeleted orphaned data files deleted
   */
  public record Outcome(int snapshotsExpired, int dataFilesExpired, int orphansDeleted) {}

  private final Duration age;
  private final Clock clock;
  private final PrintStream log;

  public TableRetention(Duration age, Clock clock, PrintStream log) {
    this.age = age;
    this.clock = clock;
    this.log = log;
  }

  /**
   * @param fence throws when the run no longer holds its lease; run before anything is deleted
   */
  public Outcome apply(EventTable table, OrphanScope scope, Runnable fence) {
    Instant now = clock.instant();
    TableSnapshots snapshots = table.snapshots();
    List<Instant> commits = snapshots.commitTimes();
    Optional<Instant> cutoff = SnapshotRetention.expireBefore(commits, now, age);
    int expired = 0;
    List<String> deleted = new ArrayList<>();
    List<String> dataFiles = new ArrayList<>();
    if (cutoff.isPresent()) {
      fence.run();
      snapshots.expireBefore(cutoff.get(), deleted::add);
      expired = commits.size() - snapshots.commitTimes().size();
      // The rest are Iceberg's own manifests and manifest lists.
      deleted.stream().filter(path -> path.endsWith(".parquet")).forEach(dataFiles::add);
      dataFiles.forEach(path -> log.println("deleted " + path + " (" + onlyExpiredUseIt() + ")"));
      log.println(
          "table "
              + table.name()
              + ": expired the snapshots committed before "
              + cutoff.get()
              + ", "
              + deleted.size()
              + " file(s) deleted");
    }
    OrphanFiles.Plan orphans = planOrphans(scope, snapshots.referencedFiles(), now);
    for (ObjectInfo orphan : orphans.delete()) {
      fence.run();
      scope.delete(orphan);
      log.println("deleted " + scope.locations().uriOf(orphan.key()) + " (" + why(orphan) + ")");
    }
    log.println(orphanCount(table, scope, orphans, "deleted"));
    return new Outcome(expired, dataFiles.size(), orphans.delete().size());
  }

  /** What {@link #apply} would expire and delete now; changes nothing. */
  public Outcome preview(EventTable table, OrphanScope scope) {
    Instant now = clock.instant();
    TableSnapshots snapshots = table.snapshots();
    Optional<Instant> cutoff = SnapshotRetention.expireBefore(snapshots.commitTimes(), now, age);
    TableSnapshots.Expiry expiry =
        cutoff
            .map(snapshots::previewExpiry)
            .orElse(new TableSnapshots.Expiry(new TreeMap<>(), Set.of()));
    expiry
        .snapshots()
        .forEach(
            (id, committed) ->
                log.println("would expire snapshot " + id + " (committed " + committed + ")"));
    expiry.files().stream()
        .sorted()
        .forEach(path -> log.println("would delete " + path + " (" + onlyExpiredUseIt() + ")"));
    if (cutoff.isPresent()) {
      log.println(
          "table "
              + table.name()
              + ": would expire the snapshots committed before "
              + cutoff.get()
              + " and delete the "
              + expiry.files().size()
              + " data file(s) only they use");
    }
    // Files only the expiring snapshots use are counted above, not again as orphans.
    OrphanFiles.Plan orphans = planOrphans(scope, snapshots.referencedFiles(), now);
    orphans
        .delete()
        .forEach(
            orphan ->
                log.println(
                    "would delete "
                        + scope.locations().uriOf(orphan.key())
                        + " ("
                        + why(orphan)
                        + ")"));
    log.println(orphanCount(table, scope, orphans, "would be deleted"));
    return new Outcome(expiry.snapshots().size(), expiry.files().size(), orphans.delete().size());
  }

  /**
   * The orphans of the scope. Planned once without manifests to find the hours that have
   * candidates, then again with those hours' manifests, so a whole-table scope reads few of them.
   */
  private OrphanFiles.Plan planOrphans(OrphanScope scope, Set<String> referenced, Instant now) {
    TableLocations locations = scope.locations();
    Set<String> referencedKeys =
        referenced.stream()
            .map(locations::keyOf)
            .flatMap(Optional::stream)
            .collect(Collectors.toSet());
    OrphanFiles rules = new OrphanFiles(now, age);
    List<ObjectInfo> listed = scope.list();
    OrphanFiles.Plan unnamed = rules.plan(listed, referencedKeys, Set.of());
    return rules.plan(listed, referencedKeys, scope.namedWith(unnamed.delete()));
  }

  private String why(ObjectInfo orphan) {
    return "no snapshot references it and no manifest names it; last modified "
        + orphan.lastModified()
        + ", more than "
        + hours(age)
        + " ago";
  }

  private String onlyExpiredUseIt() {
    return "no snapshot younger than " + hours(age) + " uses it";
  }

  private String orphanCount(
      EventTable table, OrphanScope scope, OrphanFiles.Plan orphans, String verb) {
    return "table "
        + table.name()
        + " "
        + scope.description()
        + ": "
        + orphans.delete().size()
        + " orphaned data file(s) "
        + verb
        + "; kept "
        + orphans.referenced()
        + " a snapshot references, "
        + orphans.named()
        + " a manifest names, "
        + orphans.young()
        + " younger than "
        + hours(age);
  }

  private static String hours(Duration age) {
    return age.toMinutesPart() == 0 && age.toSecondsPart() == 0
        ? age.toHours() + " h"
        : age.toString();
  }
}
