package dev.compactor.jobs.rewrite;

import dev.compactor.config.EventTypeConfig;
import dev.compactor.config.S3Settings;
import dev.compactor.config.SparkSettings;
import dev.compactor.lock.PublishFence;
import dev.compactor.store.ObjectStore;
import dev.compactor.store.ObjectStores;
import dev.compactor.store.StoreUri;
import java.io.Serializable;

/**
 * What a Spark task needs to rebuild partitions of one event type: shipped to executors once per
 * job.
 *
 * @param eventType the event type, resolved
 * @param stores how an executor reaches the input and output roots
 * @param run recorded in each partition's manifest entry
 * @param resources the task's scratch folder and record budget
 * @param badInput what a bad input file does to its partition
 * @param fence checked before each object is published: a run that lost its lease publishes nothing
 */
public record RewriteSpec(
    EventTypeConfig eventType,
    Stores stores,
    RunStamp run,
    SparkSettings resources,
    BadInput badInput,
    PublishFence fence)
    implements Serializable {

  /**
   * The roots an executor opens.
   *
   * @param s3 how to reach S3 from the executor
   * @param inputRoot where inputs are read
   * @param outputRoot where outputs are written
   */
  public record Stores(S3Settings s3, StoreUri inputRoot, StoreUri outputRoot)
      implements Serializable {

    public ObjectStore open(StoreUri root) {
      return ObjectStores.open(root, s3);
    }
  }

  /**
   * @param runId the run that rebuilt the partition
   * @param settingsFingerprint the settings it was rebuilt with
   */
  public record RunStamp(String runId, String settingsFingerprint) implements Serializable {}

  /** What a quarantinable input file does to its partition. */
  public enum BadInput {
    /** Leave the file out, name it in the report, build the partition from the rest (exit 4). */
    QUARANTINE,
    /** Fail the partition, and so the run ({@code --strict}). */
    FAIL
  }

  /** The record budget of one task in bytes. */
  public long taskMemoryBytes() {
    return resources.taskMemoryMb() > 0
        ? resources.taskMemoryMb() * 1024L * 1024L
        : MemoryBudget.perTask(Runtime.getRuntime().availableProcessors());
  }
}
