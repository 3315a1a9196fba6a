package dev.compactor.jobs.run;

import dev.compactor.jobs.rewrite.PartitionResult;
import dev.compactor.jobs.rewrite.PartitionRewriter;
import dev.compactor.jobs.rewrite.RewriteSpec;
import dev.compactor.jobs.rewrite.RewriteStats;
import dev.compactor.jobs.rewrite.RewriteTask;
import dev.compactor.store.ObjectStore;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.Function;
import org.apache.spark.api.java.function.VoidFunction;
import org.apache.spark.scheduler.SparkListener;
import org.apache.spark.scheduler.SparkListenerTaskEnd;
import org.apache.spark.util.CollectionAccumulator;

/**
 * Runs the rebuilds on Spark, a few tasks per core, each rebuilding its partitions one after
 * another ({@link TaskGroups}). Hash bucketing keeps partitions even; the largest go first, so the
 * last task is not a long one.
 *
 * <p>A failure is as small as it can be. A rebuild reports its own failures as values; a task that
 * dies anyway (an executor lost, an error no code can catch) aborts the Spark job, but every result
 * of a task that finished before reaches the driver through an accumulator, and the partitions that
 * did not finish go into another job. There, the partitions of the task that died run one per task,
 * so the one that kills its task again is recorded as failed alone. So one bad partition never
 * keeps the other hours from committing.
 */
public final class SparkPartitionExecutor {

  private final JavaSparkContext spark;

  public SparkPartitionExecutor(JavaSparkContext spark) {
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
    Map<RewriteTask, PartitionResult> results = new HashMap<>();
    Set<RewriteTask> alone = new HashSet<>();
    List<RewriteTask> pending = tasks;
    for (int attempt = 1; !pending.isEmpty(); attempt++) {
      List<RewriteTask> batch = pending;
      List<List<RewriteTask>> groups = TaskGroups.of(batch, spark.defaultParallelism(), alone);
      CollectionAccumulator<PartitionResult> finished =
          spark.sc().collectionAccumulator("rewrites");
      TaskListener listener = new TaskListener(progress, groups);
      spark.sc().addSparkListener(listener);
      try {
        spark.setJobDescription(
            description
                + ": "
                + batch.size()
                + " partition(s) in "
                + groups.size()
                + " task(s)"
                + (attempt > 1 ? ", job " + attempt : ""));
        spark.parallelize(groups, groups.size()).foreach(new Collect(rewrite, finished));
      } catch (Exception jobAborted) { // SparkException is checked, and Scala does not declare it
        // Listener events arrive asynchronously; the abort's own message names the task that
        // failed.
        Optional<Integer> index = FailedTask.index(jobAborted).filter(i -> i < groups.size());
        if (index.isEmpty()) {
          // Not a task's failure: nothing to narrow down.
          throw jobAborted instanceof RuntimeException e
              ? e
              : new IllegalStateException(jobAborted);
        }
        List<RewriteTask> died = groups.get(index.get());
        if (died.size() == 1) {
          results.put(died.get(0), failed(died.get(0), FailedTask.reason(jobAborted)));
        } else {
          alone.addAll(died);
        }
      } finally {
        spark.sc().removeSparkListener(listener);
      }
      finished.value().forEach(r -> results.put(taskOf(batch, r), r));
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

  /**
   * Rebuilds a task's partitions in turn and hands their results to the driver as soon as the task
   * succeeds, whatever happens to the job.
   */
  static final class Collect implements VoidFunction<List<RewriteTask>> {
    private final Function<RewriteTask, PartitionResult> rewrite;
    private final CollectionAccumulator<PartitionResult> finished;

    Collect(
        Function<RewriteTask, PartitionResult> rewrite,
        CollectionAccumulator<PartitionResult> finished) {
      this.rewrite = rewrite;
      this.finished = finished;
    }

    @Override
    public void call(List<RewriteTask> tasks) throws Exception {
      for (RewriteTask task : tasks) {
        finished.add(rewrite.call(task));
      }
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
    private final List<List<RewriteTask>> groups;

    TaskListener(Progress progress, List<List<RewriteTask>> groups) {
      this.progress = progress;
      this.groups = groups;
    }

    @Override
    public void onTaskEnd(SparkListenerTaskEnd taskEnd) {
      int index = taskEnd.taskInfo().index();
      if (index >= 0 && index < groups.size() && taskEnd.taskInfo().successful()) {
        groups.get(index).forEach(t -> progress.partitionDone(t.inputBytes()));
      }
    }
  }
}
