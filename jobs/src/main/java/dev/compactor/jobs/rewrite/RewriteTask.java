package dev.compactor.jobs.rewrite;

import dev.compactor.domain.InputFile;
import dev.compactor.domain.PartitionId;
import dev.compactor.plan.PartitionWork;
import java.io.Serializable;
import java.util.List;

/**
 * The part of a {@link PartitionWork} an executor needs: which partition, its inputs, its fingerprint.
 */
public record RewriteTask(PartitionId partition, List<InputFile> inputs, String fingerprint)
    implements Serializable {

  public RewriteTask {
    inputs = List.copyOf(inputs);
  }

  public static RewriteTask of(PartitionWork work) {
    return new RewriteTask(work.partition(), work.inputs(), work.fingerprint());
  }

  public long inputBytes() {
    return inputs.stream().mapToLong(InputFile::size).sum();
  }
}
