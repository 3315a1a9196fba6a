package dev.compactor.jobs.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;

/**
 * AWS Batch's retry decision for a container that exited with a code, as its documentation
 * describes it: the first {@code evaluateOnExit} entry whose conditions all match decides; a
 * pattern may end in {@code *}; with no match the job is retried. A plain exit has the status
 * reason below.
 */
final class BatchRetry {

  private static final String STATUS_REASON = "Essential container in task exited";

  private BatchRetry() {}

  static String actionFor(JsonNode retryStrategy, int exitCode) {
    for (JsonNode entry : retryStrategy.path("evaluateOnExit")) {
      if (matches(entry.get("onExitCode"), Integer.toString(exitCode))
          && matches(entry.get("onStatusReason"), STATUS_REASON)
          && matches(entry.get("onReason"), "")) {
        return entry.path("action").asText().toUpperCase(Locale.ROOT);
      }
    }
    return "RETRY";
  }

  /** An absent condition matches anything. */
  private static boolean matches(JsonNode pattern, String value) {
    if (pattern == null) {
      return true;
    }
    String text = pattern.asText();
    return text.endsWith("*")
        ? value.startsWith(text.substring(0, text.length() - 1))
        : value.equals(text);
  }
}
