package dev.compactor.jobs.rewrite;

/**
 * How many sub-buckets a partition is split into so each fits in a task's memory. Decoded generic
 * records take several times the space of their compressed Avro input; {@link #EXPANSION} is that
 * factor, measured on the sample data (deflate and snappy inputs, about 8x) and rounded up.
 */
public final class MemoryBudget {

  /** Heap bytes of decoded records per byte of compressed input. */
  static final int EXPANSION = 10;

  private MemoryBudget() {}

  /**
   * The budget one task may use for records: half the heap shared by the tasks that run at once
   * (the rest is the Parquet row group, buffers and Spark itself).
   */
  public static long perTask(int concurrentTasks) {
    return Runtime.getRuntime().maxMemory() / 2 / Math.max(1, concurrentTasks);
  }

  /** Sub-buckets needed for {@code inputBytes} of compressed input within {@code budgetBytes}. */
  public static int subBuckets(long inputBytes, long budgetBytes) {
    long needed = inputBytes * EXPANSION;
    return (int) Math.max(1, Math.min(4096, (needed + budgetBytes - 1) / Math.max(1, budgetBytes)));
  }
}
