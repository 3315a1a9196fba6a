package dev.compactor.jobs.rewrite;

import dev.compactor.domain.PartitionId;
import dev.compactor.domain.Quarantined;
import dev.compactor.manifest.PartitionEntry;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * The outcome of rebuilding one partition, sent from executor to driver. A failed partition keeps
 * its previous manifest entry, so the next run retries it; a succeeded one carries the entry to
 * commit.
 *
 * @param partition which partition
 * @param newEntry the manifest entry to commit, null when the rebuild failed
 * @param failure why it failed (names the file and the fix), null on success
 * @param stats counters for the run report and metrics
 */
public record PartitionResult(
    PartitionId partition, PartitionEntry newEntry, String failure, RewriteStats stats)
    implements Serializable {

  public static PartitionResult succeeded(
      PartitionId partition, PartitionEntry entry, RewriteStats stats) {
    return new PartitionResult(partition, entry, null, stats);
  }

  public static PartitionResult failed(PartitionId partition, String error, RewriteStats stats) {
    return new PartitionResult(partition, null, error, stats);
  }

  public boolean succeeded() {
    return newEntry != null;
  }

  public Optional<PartitionEntry> entry() {
    return Optional.ofNullable(newEntry);
  }

  public Optional<String> error() {
    return Optional.ofNullable(failure);
  }

  public List<Quarantined> quarantined() {
    return entry().map(PartitionEntry::quarantined).orElse(List.of());
  }
}
