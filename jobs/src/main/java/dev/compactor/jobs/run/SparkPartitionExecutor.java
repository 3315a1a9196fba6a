package dev.compactor.jobs.run;

import dev.compactor.jobs.rewrite.PartitionResult;
import dev.compactor.jobs.rewrite.PartitionRewriter;
import dev.compactor.jobs.rewrite.RewriteSpec;
import dev.compactor.jobs.rewrite.RewriteStats;
import dev.compactor.jobs.rewrite.RewriteTask;
import dev.compactor.store.ObjectStore;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.api.java.function.VoidFunction;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.sql.SparkSession;
import org.apache.spark.util.CollectionAccumulator;

/**
 * Runs the rebuilds on Spark: one task per partition. Hash bucketing keeps partitions even; sending
 * the largest first keeps the last task from being a long one.
 *
 * <p>A failure is as small as it can be. A rebuild reports its own failures as values; a task that
 * dies anyway (an executor lost, an error no code can catch) aborts the Spark job, but every result
 * that finished before reaches the driver through an accumulator, the partition whose task failed
 * (the abort names it) is recorded as failed, and the partitions that did not finish go into
 * another job. So one bad partition never keeps the other hours from committing.
 */
public final class SparkPartitionExecutor {

  private final SparkSession spark;

  public SparkPartitionExecutor(SparkSession spark) {
    this.spark = spark;
  }

  public List<PartitionResult> execute(
      RewriteSpec spec, List<RewriteTask> tasks, Progress progress) {
    String description = "compact " + spec.eventType().name() + ", run " + spec.run().runId();
    return execute(tasks, progress, description, new RewriteFunction(spec));
  }

  /** Runs {@code rewrite} over the tasks until each has a result, however many jobs that takes. */
  List<PartitionResult> execute(
      List<RewriteTask> tasks,
      Progress progress,
      String description,
      Function<RewriteTask, PartitionResult> rewrite) {
    List<RewriteTask> pending =
        tasks.stream()
            .sorted(Comparator.comparingLong(RewriteTask::inputBytes).reversed())
            .toList();
    Map<RewriteTask, PartitionResult> results = new HashMap<>();
    Map<RewriteTask, String> failures = new HashMap<>();
    JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.sparkContext());
    for (int attempt = 1; !pending.isEmpty(); attempt++) {
      List<RewriteTask> batch = pending;
      CollectionAccumulator<PartitionResult> finished =
          spark.sparkContext().collectionAccumulator("rewrites");
      TaskListener listener = new TaskListener(progress, batch);
      spark.sparkContext().addSparkListener(listener);
      try {
        jsc.setJobDescription(
            description
                + ": "
                + batch.size()
                + " partition(s)"
                + (attempt > 1 ? ", job " + attempt : ""));
        jsc.parallelize(batch, batch.size()).foreach(new Collect(rewrite, finished));
      } catch (Exception jobAborted) { // SparkException is checked, and Scala does not declare it
        // Listener events arrive asynchronously; the abort's own message names the task that
        // failed.
        Optional<Integer> index = FailedTask.index(jobAborted).filter(i -> i < batch.size());
        if (index.isEmpty()) {
          // Not a task's failure: nothing to narrow down.
          throw jobAborted instanceof RuntimeException e
              ? e
              : new IllegalStateException(jobAborted);
        }
        failures.put(batch.get(index.get()), FailedTask.reason(jobAborted));
      } finally {
        spark.sparkContext().removeSparkListener(listener);
      }
      finished.value().forEach(r -> results.put(taskOf(batch, r), r));
      failures.forEach((task, why) -> results.putIfAbsent(task, failed(task, why)));
      pending = batch.stream().filter(t -> !results.containsKey(t)).toList();
      progress.reached(
          results.size(), results.keySet().stream().mapToLong(RewriteTask::inputBytes).sum());
    }
    return tasks.stream().map(results::get).toList();
  }

  private static RewriteTask taskOf(List<RewriteTask> tasks, PartitionResult result) {
    return tasks.stream()
        .filter(t -> t.partition().equals(result.partition()))
        .findFirst()
        .orElseThrow();
  }

  private static PartitionResult failed(RewriteTask task, String why) {
    return PartitionResult.failed(
        task.partition(),
        "the Spark task rebuilding "
            + task.partition()
            + " failed: "
            + why
            + ". Its previous outputs and manifest are intact; the other partitions were kept and"
            + " the next run retries it.",
        RewriteStats.ZERO);
  }

  /** Hands each result to the driver as soon as its task succeeds, whatever happens to the job. */
  static final class Collect implements VoidFunction<RewriteTask> {
    private final Function<RewriteTask, PartitionResult> rewrite;
    private final CollectionAccumulator<PartitionResult> finished;

    Collect(
        Function<RewriteTask, PartitionResult> rewrite,
        CollectionAccumulator<PartitionResult> finished) {
      this.rewrite = rewrite;
      this.finished = finished;
    }

    @Override
    public void call(RewriteTask task) throws Exception {
      finished.add(rewrite.call(task));
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
      try (ObjectStore inputs = spec.stores().open(spec.stores().inputRoot());
          ObjectStore outputs = spec.stores().open(spec.stores().outputRoot())) {
        return new PartitionRewriter(spec, inputs, outputs).rewrite(task);
      }
    }
  }

  /** Turns task completions into progress lines on the driver. */
  private static final class TaskListener extends SparkListener {
    private final Progress progress;
    private final List<RewriteTask> tasks;

    TaskListener(Progress progress, List<RewriteTask> tasks) {
      this.progress = progress;
      this.tasks = List.copyOf(tasks);
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
      int index = taskEnd.taskInfo().index();
      if (index >= 0 && index < tasks.size() && taskEnd.taskInfo().successful()) {
        progress.partitionDone(tasks.get(index).inputBytes());
      }
    }
  }
}
