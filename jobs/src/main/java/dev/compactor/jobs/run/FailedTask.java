package dev.compactor.jobs.run;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads which task made Spark abort a job, from the abort's message ("Task 6 in stage 0.0 failed 1
 * times, most recent failure: ..."), the one place Spark names it synchronously; its listener
 * events arrive on another thread, possibly after the job has returned.
 */
final class FailedTask {

  private static final Pattern TASK =
      Pattern.compile("Task (\\d+) in stage [0-9.]+ failed \\d+ times");
  private static final Pattern REASON =
      Pattern.compile("most recent failure: (.*)", Pattern.DOTALL);

  private FailedTask() {}

  /** The failed task's index in its stage, which is its partition's index in the job's RDD. */
  static Optional<Integer> index(Throwable abort) {
    Matcher m = TASK.matcher(String.valueOf(abort.getMessage()));
    return m.find() ? Optional.of(Integer.parseInt(m.group(1))) : Optional.empty();
  }

  /** The failure as Spark reported it, first line only. */
  static String reason(Throwable abort) {
    Matcher m = REASON.matcher(String.valueOf(abort.getMessage()));
    String text = m.find() ? m.group(1) : String.valueOf(abort.getMessage());
    int newline = text.indexOf('\n');
    return newline < 0 ? text : text.substring(0, newline);
  }
}
