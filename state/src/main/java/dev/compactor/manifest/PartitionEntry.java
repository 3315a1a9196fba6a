package dev.compactor.manifest;

import dev.compactor.domain.InputFile;
import dev.compactor.domain.OutputFile;
import dev.compactor.domain.Quarantined;
import java.io.Serializable;
import java.util.List;

/**
 * What the manifest records for one partition: the inputs a build used, the outputs it wrote and
 * the run that wrote them.
 *
 * @param bucket the partition's bucket
 * @param settingsFingerprint the settings the outputs were built with
 * @param fingerprint digest over the sorted inputs and the settings
 * @param runId the run that built it
 * @param recordsIn records read from good inputs, copies included
 * @param recordsOut records written (distinct event IDs, plus kept records without an ID)
 * @param inputs every input file, quarantined ones included, so an unchanged bad file is not
 *     retried
 * @param outputs the Avro and Parquet objects
 * @param quarantined input files (or records) left out, and why
 */
public record PartitionEntry(
    int bucket,
    String settingsFingerprint,
    String fingerprint,
    String runId,
    long recordsIn,
    long recordsOut,
    List<InputFile> inputs,
    List<OutputFile> outputs,
    List<Quarantined> quarantined)
    implements Serializable {

  public PartitionEntry {
    inputs = List.copyOf(inputs);
    outputs = List.copyOf(outputs);
    quarantined = List.copyOf(quarantined);
  }
}
