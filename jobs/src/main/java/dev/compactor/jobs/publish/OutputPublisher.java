package dev.compactor.jobs.publish;

import dev.compactor.domain.OutputFile;
import dev.compactor.domain.PartitionId;
import dev.compactor.layout.Layout;
import dev.compactor.store.ObjectInfo;
import dev.compactor.store.Storage;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * The one place that writes and deletes outputs. A write goes straight to the partition's final key
 * (a PUT is atomic on S3, a rename on local disk, so readers see the old object or the new one) and
 * only after the fence confirms the run still holds its lease. A delete names every object it
 * removes. Used by the rewriter on executors and by the committer on the driver.
 */
public final class OutputPublisher {

  private final Storage.Root outputs;
  private final Layout layout;
  private final Runnable fence;

  /**
   * @param fence throws when the run can no longer prove it holds its lease; run before each write
   */
  public OutputPublisher(Storage.Root outputs, Layout layout, Runnable fence) {
    this.outputs = outputs;
    this.layout = layout;
    this.fence = fence;
  }

  /**
   * Uploads {@code file} as the partition's output in {@code format}; returns what the manifest
   * records.
   */
  public OutputFile publish(String format, PartitionId partition, Path file, long rows)
      throws IOException {
    String relative = layout.dataKey(format, partition);
    long size = Files.size(file);
    fence.run();
    String etag = outputs.put(relative, file);
    return new OutputFile(format, outputs.key(relative), size, etag, rows);
  }

  /**
   * Uploads {@code file} as a data file of the Iceberg table, under a name of its build. An object
   * already there is a rerun of the same build (a run killed after its upload, or a forced
   * rebuild), whose bytes are the same: it is kept, never overwritten, since a snapshot may
   * reference it.
   */
  public OutputFile publishTableFile(
      PartitionId partition, String fingerprint, Path file, long rows) throws IOException {
    String relative = layout.tableDataKey(partition, fingerprint);
    long size = Files.size(file);
    fence.run();
    Optional<ObjectInfo> existing = outputs.head(relative);
    if (existing.isPresent()) {
      if (existing.get().size() != size) {
        throw new IllegalStateException(
            outputs.uriOf(relative)
                + " exists with "
                + existing.get().size()
                + " bytes, but this build of it wrote "
                + size
                + ": the same inputs and settings must write the same bytes. Was the writer"
                + " changed without raising the output format version?");
      }
      return new OutputFile(
          Layout.PARQUET, outputs.key(relative), size, existing.get().etag(), rows);
    }
    String etag = outputs.put(relative, file);
    return new OutputFile(Layout.PARQUET, outputs.key(relative), size, etag, rows);
  }

  /**
   * Deletes the objects with these full keys, except those in {@code keep}, handing each one's URI
   * to {@code deleted} as soon as it is gone. Iceberg data files are never deleted here: an older
   * snapshot may still reference them, and snapshot retention deletes them once none does.
   */
  public void deleteExcept(Collection<String> keys, Set<String> keep, Consumer<String> deleted) {
    for (String key : keys) {
      if (!keep.contains(key) && !layout.isTableKey(outputs.relative(key))) {
        outputs.store().delete(key);
        deleted.accept(outputs.store().uri(key));
      }
    }
  }
}
