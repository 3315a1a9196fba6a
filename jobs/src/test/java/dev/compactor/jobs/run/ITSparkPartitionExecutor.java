package dev.compactor.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compactor.domain.Hour;
import dev.compactor.domain.InputFile;
import dev.compactor.domain.PartitionId;
import dev.compactor.jobs.it.SharedSpark;
import dev.compactor.jobs.rewrite.PartitionResult;
import dev.compactor.jobs.rewrite.RewriteStats;
import dev.compactor.jobs.rewrite.RewriteTask;
import dev.compactor.manifest.PartitionEntry;
import java.io.PrintStream;
import java.util.List;
import java.util.stream.IntStream;
import org.apache.spark.TaskContext;
import org.apache.spark.api.java.function.Function;
import org.junit.jupiter.api.Test;

/**
 * One Spark task that dies, with an error no rebuild can catch, fails its own partition only: the
 * results of the others are kept, on real Spark in local mode.
 */
class ITSparkPartitionExecutor {

  private static final Hour HOUR = Hour.parse("2026-11-23T17");

  @Test
  void aTaskThatDiesFailsItsPartitionAndTheOthersKeepTheirResults() {
    List<RewriteTask> tasks = IntStream.range(0, 12).mapToObj(b -> task(b, 1000 + b)).toList();

    List<PartitionResult> results =
        new SparkPartitionExecutor(new SharedSpark().get())
            .execute(tasks, progress(tasks.size()), "test", new DiesOnBucket(5));

    assertThat(results)
        .extracting(PartitionResult::partition)
        .containsExactlyElementsOf(tasks.stream().map(RewriteTask::partition).toList());
    assertThat(results)
        .filteredOn(r -> !r.succeeded())
        .extracting(r -> r.partition().bucket())
        .containsExactly(5);
    assertThat(results.get(5).failure())
        .contains("the Spark task rebuilding " + tasks.get(5).partition() + " failed")
        .contains("NoClassDefFoundError")
        .contains("the other partitions were kept");
    assertThat(results).filteredOn(PartitionResult::succeeded).hasSize(11);
  }

  @Test
  void hundredsOfPartitionsRunInAFewTasksPerCore() {
    List<RewriteTask> tasks = IntStream.range(0, 200).mapToObj(b -> task(b, 1000 + b)).toList();

    List<PartitionResult> results =
        new SparkPartitionExecutor(new SharedSpark().get())
            .execute(tasks, progress(tasks.size()), "test", new NamesItsSparkTask());

    assertThat(results).allMatch(PartitionResult::succeeded);
    assertThat(results.stream().map(r -> r.entry().orElseThrow().runId()).distinct().count())
        .as("Spark tasks on local[2]")
        .isEqualTo(2 * TaskGroups.TASKS_PER_CORE);
  }

  /** A rebuild that records the Spark task it ran in as its run ID. */
  static final class NamesItsSparkTask implements Function<RewriteTask, PartitionResult> {
    @Override
    public PartitionResult call(RewriteTask task) {
      return succeeded(task, "task-" + TaskContext.getPartitionId());
    }
  }

  /** A rebuild that succeeds for every partition but one, where its task dies with an Error. */
  static final class DiesOnBucket implements Function<RewriteTask, PartitionResult> {
    private final int bucket;

    DiesOnBucket(int bucket) {
      this.bucket = bucket;
    }

    @Override
    public PartitionResult call(RewriteTask task) {
      if (task.partition().bucket() == bucket) {
        throw new NoClassDefFoundError("a class the executor's classpath lacks");
      }
      return succeeded(task, "run");
    }
  }

  private static PartitionResult succeeded(RewriteTask task, String runId) {
    var entry =
        new PartitionEntry(
            task.partition().bucket(),
            "s",
            task.fingerprint(),
            runId,
            1,
            1,
            task.inputs(),
            List.of(),
            List.of());
    return PartitionResult.succeeded(task.partition(), entry, RewriteStats.ZERO);
  }

  private static RewriteTask task(int bucket, long size) {
    List<InputFile> inputs = List.of(new InputFile("in/" + bucket + ".avro", size, "e", "m"));
    return new RewriteTask(new PartitionId(HOUR, bucket), inputs, inputs, "fp-" + bucket, null);
  }

  private static Progress progress(int total) {
    return new Progress(new PrintStream(PrintStream.nullOutputStream()), "test", total, 0);
  }
}
