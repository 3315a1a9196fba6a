package dev.compactor.jobs.run;

import dev.compactor.jobs.rewrite.RewriteTask;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.PriorityQueue;
import java.util.Set;

/**
 * Packs partition rebuilds into Spark tasks. One task per partition made scheduling and task
 * serialization a large share of a run over hundreds of small partitions; a few tasks per core keep
 * that cost small while still evening out partitions of different sizes: the largest partition goes
 * first, each into the task with the fewest bytes so far. A task never takes more than {@link
 * #MAX_TASK_BYTES} unless one partition alone is bigger, so a large backfill on a cluster still has
 * tasks enough to spread over every executor. A partition listed as alone (its task died with
 * others) gets a task of its own, so the partition that kills its task is found and fails by
 * itself.
 */
final class TaskGroups {

  static final int TASKS_PER_CORE = 4;
  static final long MAX_TASK_BYTES = 128L << 20;

  private static final Comparator<RewriteTask> LARGEST_FIRST =
      Comparator.comparingLong(RewriteTask::inputBytes)
          .reversed()
          .thenComparing(RewriteTask::partition);

  private TaskGroups() {}

  /** The tasks' partitions in groups, the group with the most bytes first. */
  static List<List<RewriteTask>> of(List<RewriteTask> tasks, int cores, Set<RewriteTask> alone) {
    List<RewriteTask> shared =
        tasks.stream().filter(t -> !alone.contains(t)).sorted(LARGEST_FIRST).toList();
    List<Group> groups = new ArrayList<>();
    int count = groupCount(shared, cores);
    PriorityQueue<Group> lightest =
        new PriorityQueue<>(
            Math.max(1, count),
            Comparator.comparingLong(Group::bytes).thenComparingInt(Group::index));
    for (int i = 0; i < count; i++) {
      Group group = new Group(i);
      groups.add(group);
      lightest.add(group);
    }
    for (RewriteTask task : shared) {
      Group group = lightest.poll();
      group.add(task);
      lightest.add(group);
    }
    tasks.stream()
        .filter(alone::contains)
        .sorted(LARGEST_FIRST)
        .forEach(t -> groups.add(new Group(groups.size()).add(t)));
    return groups.stream()
        .sorted(Comparator.comparingLong(Group::bytes).reversed().thenComparingInt(Group::index))
        .map(g -> List.copyOf(g.tasks))
        .toList();
  }

  private static int groupCount(List<RewriteTask> tasks, int cores) {
    long bytes = tasks.stream().mapToLong(RewriteTask::inputBytes).sum();
    long byBytes = (bytes + MAX_TASK_BYTES - 1) / MAX_TASK_BYTES;
    long wanted = Math.max((long) Math.max(1, cores) * TASKS_PER_CORE, byBytes);
    return (int) Math.min(tasks.size(), wanted);
  }

  private static final class Group {
    private final int index;
    private final List<RewriteTask> tasks = new ArrayList<>();
    private long bytes;

    Group(int index) {
      this.index = index;
    }

    Group add(RewriteTask task) {
      tasks.add(task);
      bytes += task.inputBytes();
      return this;
    }

    int index() {
      return index;
    }

    long bytes() {
      return bytes;
    }
  }
}
