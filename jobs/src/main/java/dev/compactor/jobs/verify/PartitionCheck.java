package dev.compactor.jobs.verify;

import dev.compactor.domain.InputFile;
import dev.compactor.domain.PartitionId;
import java.io.Serializable;
import java.util.List;

/**
 * What a verification task reads for one partition.
 *
 * @param partition which partition
 * @param inputs its input files as listed now
 * @param avroKey the Avro output's key, or null when it does not exist
 * @param parquetKey the Parquet output's key, or null when it does not exist
 */
public record PartitionCheck(PartitionId partition, List<InputFile> inputs, String avroKey, String parquetKey)
    implements Serializable {

  public PartitionCheck {
    inputs = List.copyOf(inputs);
  }
}
