package dev.compactor.jobs.rewrite;

import dev.compactor.config.EventTypeConfig;
import dev.compactor.config.S3Settings;
import dev.compactor.lock.PublishFence;
import dev.compactor.store.StoreUri;
import java.io.Serializable;

/**
 * What a Spark task needs to rebuild partitions of one event type: shipped to executors once per job.
 *
 * @param eventType the event type's settings
 * @param s3 how to reach S3 from the executor
 * @param inputRoot where inputs are read
 * @param outputRoot where outputs are written
 * @param settingsFingerprint recorded in each partition's manifest entry
 * @param runId recorded in each partition's manifest entry
 * @param localDir scratch folder for output files before upload; empty for java.io.tmpdir
 * @param strict fail a partition (and so the run) on any bad input instead of quarantining it
 * @param taskMemoryMb heap for decoded records before spilling; 0 for automatic
 * @param fence checked before each object is published: a run that lost its lease publishes nothing
 */
public record RewriteSpec(
    EventTypeConfig eventType,
    S3Settings s3,
    StoreUri inputRoot,
    StoreUri outputRoot,
    String settingsFingerprint,
    String runId,
    String localDir,
    boolean strict,
    int taskMemoryMb,
    PublishFence fence)
    implements Serializable {

  /** The record budget of one task in bytes. */
  public long taskMemoryBytes() {
    return taskMemoryMb > 0
        ? taskMemoryMb * 1024L * 1024L
        : MemoryBudget.perTask(Runtime.getRuntime().availableProcessors());
  }
}
