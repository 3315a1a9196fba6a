package dev.compactor.jobs.verify;

import dev.compactor.plan.PartitionWork;
import java.util.List;

/**
 * What {@code verify} found.
 *
 * @param problems what is wrong, each with its fix
 * @param kept settled partitions whose raw input expired: not problems, but reported so nobody
 *     mistakes them for lost data or deletes them
 * @param unexpected URIs of objects under the input hour prefixes that are neither input nor
 *     ignored
 */
public record VerifyResult(
    List<Problem> problems, List<PartitionWork> kept, List<String> unexpected) {

  /** True when verify should exit non-zero. */
  public boolean hasProblems() {
    return !problems.isEmpty() || !unexpected.isEmpty();
  }
}
