package dev.compactor.jobs.table;

import dev.compactor.config.EventTypeConfig;
import dev.compactor.domain.Hour;
import dev.compactor.domain.OutputFile;
import dev.compactor.domain.PartitionId;
import dev.compactor.domain.Window;
import dev.compactor.layout.Layout;
import dev.compactor.manifest.HourManifest;
import dev.compactor.manifest.PartitionEntry;
import dev.compactor.store.Storage;
import dev.compactor.table.TableChange;
import dev.compactor.table.TableFile;
import dev.compactor.table.TableLocations;
import dev.compactor.table.TableReconciler;
import java.io.PrintStream;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * The run's one Iceberg commit, made after its manifests: the table's current snapshot is made to
 * hold exactly the Parquet files the window's manifests name. Because the manifests are the record
 * and the commit only follows them, a run killed between the two, or one whose commit outcome was
 * unknown, is repaired by the next run, which commits the missing change once ({@link
 * TableReconciler}).
 */
public final class TableCommitter {

  private final IcebergCatalog catalog;
  private final EventTypeConfig eventType;
  private final Storage.Root outputs;
  private final PrintStream log;

  public TableCommitter(
      IcebergCatalog catalog, EventTypeConfig eventType, Storage.Root outputs, PrintStream log) {
    this.catalog = catalog;
    this.eventType = eventType;
    this.outputs = outputs;
    this.log = log;
  }

  /**
   * @param manifests every manifest of the window as it stands after this run's commits
   * @param fence throws when the run no longer holds its lease; run right before the commit
   * @return the table, committed
   */
  public EventTable commit(
      Window window, Map<Hour, HourManifest> manifests, String runId, Runnable fence) {
    long started = System.nanoTime();
    Set<Hour> hours = new TreeSet<>(window.hours());
    Map<PartitionId, TableFile> wanted = wanted(manifests, hours);
    EventTable table = EventTable.open(catalog, eventType);
    EventTable.State state = table.current(hours);
    TableChange change = TableReconciler.reconcile(hours, wanted, state.listed());
    if (change.isEmpty()) {
      log.println(
          "table " + table.name() + " " + window + ": already holds what the manifests name");
      return table;
    }
    fence.run();
    Map<String, String> summary = new LinkedHashMap<>();
    summary.put("compactor.run-id", runId);
    summary.put("compactor.window", window.toString());
    summary.put("compactor.partitions-added", String.valueOf(change.add().size()));
    summary.put("compactor.partitions-removed", String.valueOf(change.remove().size()));
    long snapshot = table.commit(state, change, hours, summary);
    log.println(
        "table "
            + table.name()
            + " "
            + window
            + ": committed snapshot "
            + snapshot
            + " (+"
            + change.add().size()
            + " -"
            + change.remove().size()
            + " file(s)) in "
            + String.format(Locale.ROOT, "%.1f s", (System.nanoTime() - started) / 1e9));
    return table;
  }

  /**
   * The Parquet table file each manifest entry names; entries not yet rebuilt into the table wait.
   */
  private Map<PartitionId, TableFile> wanted(Map<Hour, HourManifest> manifests, Set<Hour> hours) {
    Map<PartitionId, TableFile> wanted = new LinkedHashMap<>();
    Layout layout = eventType.layout();
    TableLocations locations = new TableLocations(outputs.uri());
    for (Hour hour : hours) {
      HourManifest manifest = manifests.get(hour);
      if (manifest == null) {
        continue;
      }
      for (PartitionEntry entry : manifest.partitions()) {
        PartitionId partition = new PartitionId(hour, entry.bucket());
        for (OutputFile out : entry.outputs()) {
          if (out.format().equals(Layout.PARQUET)
              && layout.isTableKey(outputs.relative(out.key()))) {
            wanted.put(
                partition,
                new TableFile(partition, locations.uriOf(out.key()), out.size(), out.rows()));
          }
        }
      }
    }
    return wanted;
  }
}
