package dev.compactor.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compactor.domain.Hour;
import dev.compactor.domain.InputFile;
import dev.compactor.domain.PartitionId;
import dev.compactor.jobs.rewrite.RewriteTask;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class TestTaskGroups {

  private static final Hour HOUR = Hour.parse("2026-11-23T17");

  @Test
  void hundredsOfPartitionsGoIntoAFewTasksPerCoreOfNearlyEqualBytes() {
    Random random = new Random(3);
    List<RewriteTask> tasks =
        IntStream.range(0, 384).mapToObj(b -> task(b, 50_000 + random.nextInt(100_000))).toList();

    List<List<RewriteTask>> groups = TaskGroups.of(tasks, 2, Set.of());

    assertThat(groups).hasSize(2 * TaskGroups.TASKS_PER_CORE);
    assertThat(groups.stream().flatMap(List::stream)).containsExactlyInAnyOrderElementsOf(tasks);
    List<Long> bytes = groups.stream().map(TestTaskGroups::bytes).toList();
    assertThat(bytes).as("largest first").isSortedAccordingTo((a, b) -> Long.compare(b, a));
    assertThat(bytes.get(0) - bytes.get(bytes.size() - 1))
        .as("no further apart than the largest partition")
        .isLessThanOrEqualTo(150_000);
  }

  @Test
  void fewerPartitionsThanTaskSlotsRunOnePerTask() {
    List<RewriteTask> tasks = IntStream.range(0, 5).mapToObj(b -> task(b, 1000 * (b + 1))).toList();

    assertThat(TaskGroups.of(tasks, 4, Set.of()))
        .allSatisfy(g -> assertThat(g).hasSize(1))
        .extracting(g -> g.get(0).partition().bucket())
        .containsExactly(4, 3, 2, 1, 0);
  }

  @Test
  void aLargeBackfillGetsATaskPer128MbEvenOnFewCores() {
    List<RewriteTask> tasks =
        IntStream.range(0, 100).mapToObj(b -> task(b, 40L << 20)).toList(); // 4,000 MB

    List<List<RewriteTask>> groups = TaskGroups.of(tasks, 1, Set.of());

    assertThat(groups).hasSize(32); // 4,000 MB / 128 MB, rounded up
    assertThat(groups).allSatisfy(g -> assertThat(bytes(g)).isLessThanOrEqualTo(160L << 20));
  }

  @Test
  void partitionsWhoseTaskDiedRunAloneAndTheOthersStayPacked() {
    List<RewriteTask> tasks = IntStream.range(0, 40).mapToObj(b -> task(b, 1000 + b)).toList();
    Set<RewriteTask> alone = Set.of(tasks.get(3), tasks.get(17));

    List<List<RewriteTask>> groups = TaskGroups.of(tasks, 2, alone);

    assertThat(groups)
        .filteredOn(g -> g.stream().anyMatch(alone::contains))
        .hasSize(2)
        .allSatisfy(g -> assertThat(g).hasSize(1));
    assertThat(groups).filteredOn(g -> g.stream().noneMatch(alone::contains)).hasSize(8);
    assertThat(groups.stream().flatMap(List::stream)).containsExactlyInAnyOrderElementsOf(tasks);
  }

  @Test
  void theSamePlanGivesTheSameTasks() {
    List<RewriteTask> tasks = IntStream.range(0, 50).mapToObj(b -> task(b, 7_000)).toList();
    List<RewriteTask> reversed = new ArrayList<>(tasks);
    Collections.reverse(reversed);
    assertThat(TaskGroups.of(tasks, 2, Set.of())).isEqualTo(TaskGroups.of(reversed, 2, Set.of()));
  }

  private static long bytes(List<RewriteTask> group) {
    return group.stream().mapToLong(RewriteTask::inputBytes).sum();
  }

  private static RewriteTask task(int bucket, long size) {
    List<InputFile> inputs = List.of(new InputFile("in/" + bucket + ".avro", size, "e", "m"));
    return new RewriteTask(new PartitionId(HOUR, bucket), inputs, inputs, "fp-" + bucket, null);
  }
}
