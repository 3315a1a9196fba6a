package dev.compactor.plan;

import dev.compactor.domain.InputFile;
import dev.compactor.domain.PartitionId;
import dev.compactor.store.ObjectInfo;
import java.util.List;
import java.util.Map;

/**
 * What the scan saw of a window, ready for planning.
 *
 * @param inputs fingerprinted input files per partition (partitions with no files are absent)
 * @param outputs output objects that exist, by key (to notice outputs deleted or overwritten behind
 *     the manifest's back)
 * @param ignored keys skipped as non-data (matching the ignore pattern, or not inside a bucket folder)
 */
public record Listing(
    Map<PartitionId, List<InputFile>> inputs, Map<String, ObjectInfo> outputs, List<String> ignored) {

  public Listing {
    inputs = Map.copyOf(inputs);
    outputs = Map.copyOf(outputs);
    ignored = List.copyOf(ignored);
  }
}
