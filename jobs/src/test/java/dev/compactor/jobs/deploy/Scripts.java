package dev.compactor.jobs.deploy;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Runs the deploy scripts with bash from the repository root, as a user would, and splits the
 * commands they print back into words with bash itself, so tests see exactly the arguments the
 * shell would pass.
 */
final class Scripts {

  /** What one script run printed and returned. */
  record Result(int exitCode, String stdout, String stderr) {
    /** The printed lines, for scripts that print one command per line. */
    List<String> lines() {
      return stdout.lines().filter(line -> !line.isBlank()).toList();
    }
  }

  private static final long TIMEOUT_SECONDS = 30;

  private Scripts() {}

  /**
   * Runs {@code command} with {@code env} on top of a cleaned environment: the scripts' own
   * variables are removed first, so a developer's settings cannot change what the tests see.
   */
  static Result run(Map<String, String> env, String... command) {
    ProcessBuilder builder = new ProcessBuilder(command).directory(DeployFiles.ROOT.toFile());
    builder.environment().keySet().removeIf(Scripts::isDeploySetting);
    builder.environment().putAll(env);
    try {
      Process process = builder.start();
      process.getOutputStream().close();
      // Outputs are small (a few commands); reading them after exit cannot fill a pipe and block.
      if (!process.waitFor(TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
        process.destroyForcibly();
        throw new AssertionError(
            Arrays.toString(command) + " did not finish in " + TIMEOUT_SECONDS + " s");
      }
      return new Result(
          process.exitValue(),
          new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8),
          new String(process.getErrorStream().readAllBytes(), StandardCharsets.UTF_8));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError("interrupted", e);
    }
  }

  /** The words bash makes of one printed command line (quotes removed, nothing expanded or run). */
  static List<String> words(String commandLine) {
    Result split =
        run(
            Map.of(),
            "bash",
            "-c",
            "eval \"set -- $1\"; printf '%s\\0' \"$@\"",
            "split",
            commandLine);
    if (split.exitCode() != 0) {
      throw new AssertionError("bash cannot split: " + commandLine + "\n" + split.stderr());
    }
    List<String> words = new ArrayList<>(Arrays.asList(split.stdout().split("\0", -1)));
    words.remove(words.size() - 1);
    return words;
  }

  /** The word after {@code option} in a split command line. */
  static String valueOf(List<String> words, String option) {
    int at = words.indexOf(option);
    if (at < 0 || at + 1 >= words.size()) {
      throw new AssertionError("no value for " + option + " in " + words);
    }
    return words.get(at + 1);
  }

  private static boolean isDeploySetting(String name) {
    return name.startsWith("COMPACTOR_")
        || name.startsWith("EMR_")
        || name.startsWith("JOB_")
        || name.equals("ACCOUNT_ID")
        || name.equals("REGION")
        || name.equals("ARTIFACTS")
        || name.equals("KMS_KEY_ARN")
        || name.equals("ATHENA_RESULTS")
        || name.startsWith("SNS_")
        || name.equals("SCHEDULER_ROLE_ARN")
        || name.startsWith("AWS_");
  }
}
