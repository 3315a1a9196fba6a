package dev.compactor.plan;

import dev.compactor.domain.InputFile;
import dev.compactor.domain.PartitionId;
import dev.compactor.domain.Reason;
import dev.compactor.manifest.PartitionEntry;
import java.util.List;
import java.util.Optional;

/**
 * The planner's decision for one partition.
 *
 * @param partition which partition
 * @param reason why it is (or is not) rebuilt
 * @param detail a human-readable explanation, e.g. "+1 file, 1 replaced"
 * @param inputs its current input files, key order
 * @param fingerprint digest of {@code inputs} and the settings
 * @param previous what the manifest recorded, if anything
 */
public record PartitionWork(
    PartitionId partition,
    Reason reason,
    String detail,
    List<InputFile> inputs,
    String fingerprint,
    Optional<PartitionEntry> previous) {

  public PartitionWork {
    inputs = List.copyOf(inputs);
  }

  public long inputBytes() {
    return inputs.stream().mapToLong(InputFile::size).sum();
  }
}
