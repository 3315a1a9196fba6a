package dev.compactor.table;

import java.util.List;

/**
 * What one Iceberg commit changes: the data files it adds and the ones it removes from the current
 * snapshot. Removed files stay in storage for older snapshots until retention deletes them.
 *
 * @param add files to add, partition order
 * @param remove files to remove, partition order
 */
public record TableChange(List<TableFile> add, List<TableFile> remove) {

  public TableChange {
    add = List.copyOf(add);
    remove = List.copyOf(remove);
  }

  /** Nothing to commit: the table already holds what the manifests name. */
  public boolean isEmpty() {
    return add.isEmpty() && remove.isEmpty();
  }
}
