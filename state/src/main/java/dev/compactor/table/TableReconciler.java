package dev.compactor.table;

import dev.compactor.domain.Hour;
import dev.compactor.domain.PartitionId;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Decides the one commit that makes the table's current snapshot hold exactly the Parquet files the
 * manifests name, over the hours a run committed. The manifests are the record and are written
 * first; the table follows them. So a run killed after its manifests but before its commit, or one
 * whose commit succeeded with an unknown outcome, is repaired by the next run's reconciliation:
 * comparing what should be with what is commits the missing change once and never twice.
 */
public final class TableReconciler {

  private static final Comparator<TableFile> ORDER =
      Comparator.comparing(TableFile::partition).thenComparing(TableFile::uri);

  private TableReconciler() {}

  /**
   * @param hours the hours reconciled; the table's files in other hours are left alone
   * @param wanted per partition of those hours, the Parquet file its manifest entry names
   * @param current the files the table's current snapshot holds in those hours
   */
  public static TableChange reconcile(
      Set<Hour> hours, Map<PartitionId, TableFile> wanted, Collection<TableFile> current) {
    List<TableFile> add = new ArrayList<>();
    List<TableFile> remove = new ArrayList<>();
    for (TableFile file : current) {
      TableFile expected = wanted.get(file.partition());
      boolean inScope = hours.contains(file.partition().hour());
      if (inScope && (expected == null || !expected.uri().equals(file.uri()))) {
        remove.add(file);
      }
    }
    for (TableFile file : wanted.values()) {
      if (!hours.contains(file.partition().hour())) {
        throw new IllegalArgumentException(
            file.uri() + " is in " + file.partition() + ", outside the hours reconciled");
      }
      boolean held = current.stream().anyMatch(c -> c.uri().equals(file.uri()));
      if (!held) {
        add.add(file);
      }
    }
    add.sort(ORDER);
    remove.sort(ORDER);
    return new TableChange(add, remove);
  }
}
