package dev.compactor.plan;

import dev.compactor.domain.InputFile;
import dev.compactor.domain.OutputFile;
import dev.compactor.domain.PartitionId;
import dev.compactor.domain.Reason;
import dev.compactor.manifest.PartitionEntry;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

/**
 * The planner's decision for one partition.
 *
 * @param partition which partition
 * @param reason why it is (or is not) rebuilt
 * @param detail a human-readable explanation, e.g. "+1 file, 1 replaced"
 * @param inputs its current input files, key order
 * @param fingerprint digest of {@link #recordedInputs} and the settings
 * @param previous what the manifest recorded, if anything
 * @param carry how the rows of expired inputs are carried into a rebuild of a settled partition
 * @param strays output objects of this partition that no manifest entry names: deleted when the
 *     partition is worked on
 */
public record PartitionWork(
    PartitionId partition,
    Reason reason,
    String detail,
    List<InputFile> inputs,
    String fingerprint,
    Optional<PartitionEntry> previous,
    Carry carry,
    List<String> strays) {

  public PartitionWork {
    inputs = List.copyOf(inputs);
    strays = List.copyOf(strays);
  }

  /**
   * A rebuild that reads the partition's previous Avro output in place of the inputs unchanged
   * since it was written: a settled partition some of whose recorded inputs expired (the output
   * holds their rows, and they stay recorded in the manifest), or a partition that only gained
   * files (a replay, a late delivery), where merging the already deduplicated and sorted output
   * with the new files gives the bytes a full rebuild gives for a fraction of the reads.
   *
   * @param previousAvro the Avro output to read back, or empty when nothing is carried over
   * @param expired recorded inputs that are gone
   * @param unchanged current inputs already contained in {@code previousAvro}
   * @param duplicatesDropped copies the previous build dropped (its records in less its records
   *     out): counted again, so the new entry's counts are those of a full rebuild
   * @param previousParquet the Parquet output built with the same settings beside {@code
   *     previousAvro}, unchanged: kept as it is when the new files add no winner (a replay), since
   *     a rebuild would write the same bytes; empty when it must be rewritten in any case
   */
  public record Carry(
      Optional<OutputFile> previousAvro,
      List<InputFile> expired,
      List<InputFile> unchanged,
      long duplicatesDropped,
      Optional<OutputFile> previousParquet) {

    public static final Carry NONE =
        new Carry(Optional.empty(), List.of(), List.of(), 0, Optional.empty());

    public Carry {
      expired = List.copyOf(expired);
      unchanged = List.copyOf(unchanged);
    }
  }

  /** The inputs the rebuild reads: all current inputs, less those the carried-over output holds. */
  public List<InputFile> inputsToRead() {
    if (carry.previousAvro().isEmpty()) {
      return inputs;
    }
    return inputs.stream().filter(f -> !carry.unchanged().contains(f)).toList();
  }

  /**
   * The inputs the new manifest entry records: the current ones plus any expired ones carried over.
   */
  public List<InputFile> recordedInputs() {
    return recorded(inputs, carry);
  }

  /** {@code inputs} plus the expired inputs {@code carry} keeps recorded, key order. */
  static List<InputFile> recorded(List<InputFile> inputs, Carry carry) {
    if (carry.expired().isEmpty()) {
      return inputs;
    }
    List<InputFile> all = new ArrayList<>(inputs);
    all.addAll(carry.expired());
    all.sort(Comparator.comparing(InputFile::key));
    return all;
  }

  public long inputBytes() {
    return inputsToRead().stream().mapToLong(InputFile::size).sum()
        + carry.previousAvro().map(OutputFile::size).orElse(0L);
  }
}
