package dev.compactor.jobs.rewrite;

import dev.compactor.domain.InputFile;
import dev.compactor.domain.OutputFile;
import dev.compactor.domain.PartitionId;
import dev.compactor.plan.PartitionWork;
import java.io.Serializable;
import java.util.List;
import java.util.Optional;

/**
 * The part of a {@link PartitionWork} an executor needs.
 *
 * @param partition which partition
 * @param inputs the input files to read
 * @param recordedInputs the inputs the new manifest entry records (more than {@code inputs} when
 *     expired inputs' rows are carried over)
 * @param fingerprint digest of {@code recordedInputs} and the settings
 * @param carriedAvro the previous Avro output to read back as well, or null
 * @param carriedDuplicates copies the carried output's build dropped, counted again so the counts
 *     are a full rebuild's
 * @param keptParquet the previous Parquet output, kept when the merge leaves the carried records as
 *     they were, or null when it is always rewritten
 */
public record RewriteTask(
    PartitionId partition,
    List<InputFile> inputs,
    List<InputFile> recordedInputs,
    String fingerprint,
    OutputFile carriedAvro,
    long carriedDuplicates,
    OutputFile keptParquet)
    implements Serializable {

  public RewriteTask {
    inputs = List.copyOf(inputs);
    recordedInputs = List.copyOf(recordedInputs);
  }

  /** A rebuild from {@code inputs} alone. */
  public RewriteTask(
      PartitionId partition,
      List<InputFile> inputs,
      List<InputFile> recordedInputs,
      String fingerprint,
      OutputFile carriedAvro) {
    this(partition, inputs, recordedInputs, fingerprint, carriedAvro, 0, null);
  }

  public static RewriteTask of(PartitionWork work) {
    return new RewriteTask(
        work.partition(),
        work.inputsToRead(),
        work.recordedInputs(),
        work.fingerprint(),
        work.carry().previousAvro().orElse(null),
        work.carry().duplicatesDropped(),
        work.carry().previousParquet().orElse(null));
  }

  public Optional<OutputFile> carried() {
    return Optional.ofNullable(carriedAvro);
  }

  /** The Parquet output to keep if the new inputs change nothing, when there is one. */
  public Optional<OutputFile> keepableParquet() {
    return Optional.ofNullable(keptParquet);
  }

  public long inputBytes() {
    return inputs.stream().mapToLong(InputFile::size).sum()
        + carried().map(OutputFile::size).orElse(0L);
  }
}
