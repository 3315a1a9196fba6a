package dev.compactor.jobs.run;

import dev.compactor.jobs.rewrite.PartitionResult;
import dev.compactor.jobs.rewrite.PartitionRewriter;
import dev.compactor.jobs.rewrite.RewriteSpec;
import dev.compactor.jobs.rewrite.RewriteTask;
import dev.compactor.store.ObjectStore;
import dev.compactor.store.ObjectStores;
import java.util.Comparator;
import java.util.List;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;

/**
 * Runs the rebuilds on Spark: one task per partition. Hash bucketing keeps partitions even; sending the
 * largest first keeps the last task from being a long one.
 */
public final class SparkPartitionExecutor {

  private final SparkSession spark;

  public SparkPartitionExecutor(SparkSession spark) {
    this.spark = spark;
  }

  public List<PartitionResult> execute(RewriteSpec spec, List<RewriteTask> tasks, Progress progress) {
    List<RewriteTask> ordered =
        tasks.stream().sorted(Comparator.comparingLong(RewriteTask::inputBytes).reversed()).toList();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    SparkListener listener = new ProgressListener(progress, ordered);
    spark.sparkContext().addSparkListener(listener);
    try {
      jsc.setJobDescription(
          "compact " + spec.eventType().name() + ": " + ordered.size() + " partition(s), run " + spec.runId());
      return jsc.parallelize(ordered, ordered.size()).map(new RewriteFunction(spec)).collect();
    } finally {
      spark.sparkContext().removeSparkListener(listener);
    }
  }

  /** The task body: opens the stores on the executor (clients are cached per JVM) and rewrites. */
  static final class RewriteFunction implements Function<RewriteTask, PartitionResult> {
    private final RewriteSpec spec;

    RewriteFunction(RewriteSpec spec) {
      this.spec = spec;
    }

    @Override
    public PartitionResult call(RewriteTask task) {
      try (ObjectStore inputs = ObjectStores.open(spec.inputRoot(), spec.s3());
          ObjectStore outputs = ObjectStores.open(spec.outputRoot(), spec.s3())) {
        return new PartitionRewriter(spec, inputs, outputs).rewrite(task);
      }
    }
  }

  /** Turns task completions into progress lines on the driver. */
  private static final class ProgressListener extends SparkListener {
    private final Progress progress;
    private final List<RewriteTask> tasks;

    ProgressListener(Progress progress, List<RewriteTask> tasks) {
      this.progress = progress;
      this.tasks = tasks;
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
      int index = taskEnd.taskInfo().index();
      if (index >= 0 && index < tasks.size()) {
        progress.partitionDone(tasks.get(index).inputBytes());
      }
    }
  }
}
