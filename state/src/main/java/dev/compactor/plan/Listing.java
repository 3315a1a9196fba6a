package dev.compactor.plan;

import dev.compactor.domain.InputFile;
import dev.compactor.domain.PartitionId;
import dev.compactor.store.ObjectInfo;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * What the scan saw of a window, ready for planning. Every object listed under the window's input
 * hour prefixes is in exactly one of {@code inputs}, {@code ignored} or {@code unexpected}.
 *
 * @param inputs fingerprinted input files per partition (partitions with no files are absent)
 * @param outputs output objects that exist, by key (to notice outputs deleted or overwritten behind
 *     the manifest's back) and by the partition their key names (to find outputs no manifest names)
 * @param ignored keys skipped as non-data: matching the ignore pattern, or folder markers
 * @param unexpected keys under an hour prefix that are neither input nor ignored: reported by name
 */
public record Listing(
    Map<PartitionId, List<InputFile>> inputs,
    Outputs outputs,
    List<String> ignored,
    List<String> unexpected) {

  public Listing {
    inputs = Map.copyOf(inputs);
    ignored = List.copyOf(ignored);
    unexpected = List.copyOf(unexpected);
  }

  /**
   * Output objects that exist.
   *
   * @param byKey every output object, by full key
   * @param byPartition the keys of the objects whose names are a partition's Avro or Parquet output
   */
  public record Outputs(Map<String, ObjectInfo> byKey, Map<PartitionId, Set<String>> byPartition) {

    public Outputs {
      byKey = Map.copyOf(byKey);
      byPartition = Map.copyOf(byPartition);
    }

    public ObjectInfo get(String key) {
      return byKey.get(key);
    }

    public boolean contains(String key) {
      return byKey.containsKey(key);
    }

    /** The output keys of one partition, in key order. */
    public Set<String> of(PartitionId partition) {
      return new TreeSet<>(byPartition.getOrDefault(partition, Set.of()));
    }
  }
}
