package dev.compactor.plan;

import dev.compactor.domain.Hour;
import dev.compactor.domain.Reason;
import dev.compactor.domain.Window;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * What a run will do: every partition of the window with its reason. A value; building it does no
 * I/O.
 *
 * @param window the hours planned
 * @param settingsFingerprint the settings the run builds with
 * @param partitions every partition seen in the listing or the manifests, in partition order
 */
public record Plan(Window window, String settingsFingerprint, List<PartitionWork> partitions) {

  public Plan {
    partitions =
        partitions.stream().sorted(Comparator.comparing(PartitionWork::partition)).toList();
  }

  /** Partitions the run must rebuild or clear. */
  public List<PartitionWork> work() {
    return partitions.stream().filter(p -> p.reason().requiresWork()).toList();
  }

  /** Partitions whose outputs are written from inputs. */
  public List<PartitionWork> rewrites() {
    return partitions.stream().filter(p -> p.reason().requiresRewrite()).toList();
  }

  public boolean isEmpty() {
    return work().isEmpty();
  }

  /** Hours with at least one partition to rebuild or clear: their manifests are rewritten. */
  public SortedSet<Hour> hoursToCommit() {
    return work().stream()
        .map(p -> p.partition().hour())
        .collect(Collectors.toCollection(TreeSet::new));
  }

  public long bytesToRead() {
    return rewrites().stream().mapToLong(PartitionWork::inputBytes).sum();
  }

  public long filesToRead() {
    return rewrites().stream()
        .mapToLong(p -> p.inputsToRead().size() + (p.carry().previousAvro().isPresent() ? 1 : 0))
        .sum();
  }

  /** How many partitions have each reason, in reason order. */
  public Map<Reason, Long> countByReason() {
    return partitions.stream()
        .collect(Collectors.groupingBy(PartitionWork::reason, TreeMap::new, Collectors.counting()));
  }
}
