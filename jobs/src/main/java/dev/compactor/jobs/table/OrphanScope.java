package dev.compactor.jobs.table;

import dev.compactor.domain.Hour;
import dev.compactor.domain.OutputFile;
import dev.compactor.domain.PartitionId;
import dev.compactor.domain.Window;
import dev.compactor.layout.Layout;
import dev.compactor.manifest.HourManifest;
import dev.compactor.manifest.ManifestCodec;
import dev.compactor.manifest.PartitionEntry;
import dev.compactor.store.ObjectInfo;
import dev.compactor.store.Storage;
import dev.compactor.table.TableLocations;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;
import java.util.function.Function;
import java.util.function.Predicate;

/**
 * Where retention looks for orphaned table data files, and the manifests that protect them. The
 * hourly run looks at its window's hours only, with the manifests it has at hand: other hours may
 * belong to a backfill. {@code compactor maintain} looks at the whole table and reads the manifests
 * of the hours where it found candidates.
 */
public final class OrphanScope {

  private final Storage storage;
  private final Layout layout;
  private final String description;
  private final List<String> folders;
  private final Predicate<Hour> inScope;
  private final Function<Hour, Optional<HourManifest>> manifests;

  private OrphanScope(
      Storage storage,
      Layout layout,
      String description,
      List<String> folders,
      Predicate<Hour> inScope,
      Function<Hour, Optional<HourManifest>> manifests) {
    this.storage = storage;
    this.layout = layout;
    this.description = description;
    this.folders = folders;
    this.inScope = inScope;
    this.manifests = manifests;
  }

  /**
   * The table data files of {@code window}'s hours.
   *
   * @param manifests every manifest of the window as it stands after the run's commits
   */
  public static OrphanScope window(
      Storage storage, Layout layout, Window window, Map<Hour, HourManifest> manifests) {
    Set<LocalDate> days = new TreeSet<>();
    window.hours().forEach(h -> days.add(h.date()));
    List<String> folders = days.stream().map(layout::tableDayFolder).toList();
    return new OrphanScope(
        storage,
        layout,
        window.toString(),
        folders,
        window::contains,
        hour -> Optional.ofNullable(manifests.get(hour)));
  }

  /** Every data file under the table's data folder; manifests read from the state root. */
  public static OrphanScope wholeTable(Storage storage, Layout layout) {
    return new OrphanScope(
        storage,
        layout,
        "every hour",
        List.of(layout.tableDataFolder()),
        hour -> true,
        hour ->
            storage
                .state()
                .readIfListed(layout.manifestKey(hour))
                .map(
                    b -> ManifestCodec.decode(b, storage.state().uriOf(layout.manifestKey(hour)))));
  }

  /** How the table names the files in scope, and back. */
  public TableLocations locations() {
    return new TableLocations(storage.output().uri());
  }

  /** Deletes one file found by {@link #list}. */
  public void delete(ObjectInfo file) {
    storage.output().store().delete(file.key());
  }

  /** The hours looked at, for messages. */
  public String description() {
    return description;
  }

  /** The table data files in scope; other objects under the folders are never candidates. */
  public List<ObjectInfo> list() {
    List<ObjectInfo> files = new ArrayList<>();
    for (String folder : folders) {
      for (ObjectInfo object : storage.output().listFolder(folder)) {
        hourOf(object).filter(inScope).ifPresent(hour -> files.add(object));
      }
    }
    return files;
  }

  /** The keys of every output the manifests of {@code files}' hours name. */
  public Set<String> namedWith(Collection<ObjectInfo> files) {
    Set<Hour> hours = new TreeSet<>();
    files.forEach(f -> hourOf(f).ifPresent(hours::add));
    Set<String> named = new HashSet<>();
    for (Hour hour : hours) {
      manifests
          .apply(hour)
          .ifPresent(
              m -> {
                for (PartitionEntry entry : m.partitions()) {
                  entry.outputs().stream().map(OutputFile::key).forEach(named::add);
                }
              });
    }
    return named;
  }

  private Optional<Hour> hourOf(ObjectInfo object) {
    return layout.tablePartitionOf(storage.output().relative(object.key())).map(PartitionId::hour);
  }
}
