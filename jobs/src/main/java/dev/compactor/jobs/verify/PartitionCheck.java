package dev.compactor.jobs.verify;

import dev.compactor.domain.InputFile;
import dev.compactor.domain.PartitionId;
import dev.compactor.domain.Reason;
import dev.compactor.manifest.PartitionEntry;
import dev.compactor.plan.PartitionWork;
import java.io.Serializable;
import java.util.List;

/**
 * What a verification task reads for one partition.
 *
 * @param partition which partition
 * @param inputs its input files as listed now
 * @param avroKey the Avro output's key, or null when it does not exist
 * @param parquetKey the Parquet output's key, or null when it does not exist
 * @param recordedRows the rows the manifest recorded, when inputs expired and cannot be counted;
 *     else -1
 */
public record PartitionCheck(
    PartitionId partition,
    List<InputFile> inputs,
    String avroKey,
    String parquetKey,
    long recordedRows)
    implements Serializable {

  static PartitionCheck of(PartitionWork work, String avroKey, String parquetKey) {
    long recorded =
        work.reason() == Reason.INPUT_EXPIRED
            ? work.previous().map(PartitionEntry::recordsOut).orElse(-1L)
            : -1L;
    return new PartitionCheck(work.partition(), work.inputs(), avroKey, parquetKey, recorded);
  }

  public PartitionCheck {
    inputs = List.copyOf(inputs);
  }
}
