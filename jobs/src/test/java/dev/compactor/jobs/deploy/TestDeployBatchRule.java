package dev.compactor.jobs.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The EventBridge rule in {@code submit/alarms/batch-failed-pattern.json}: it pages on failed Batch
 * jobs of the compactor's queue but not on runs locked out by another (exit 3), checked by matching
 * sample Batch events (from {@code src/test/resources/deploy/}, in the shape the AWS Batch User
 * Guide shows) against the rendered pattern.
 */
class TestDeployBatchRule {

  private static final String QUEUE_ARN =
      "arn:aws:batch:eu-west-1:123456789012:job-queue/compactor";

  private final EventPattern rule =
      new EventPattern(DeployFiles.rendered("alarms/batch-failed-pattern.json"));

  @Test
  void ruleMatchesAFailedRunThatExitedOneAndNotARunLockedByAnotherThatExitedThree() {
    assertThat(rule.matches(event("batch-job-failed-exit-1.json"))).isTrue();
    assertThat(rule.matches(event("batch-job-failed-locked.json"))).isFalse();
  }

  @Test
  void rulePagesOnEveryExitCodeButThreeAfterTheRetriesTheJobDefinitionMakes() {
    JsonNode retry = DeployFiles.template("batch/job-definition.json").path("retryStrategy");

    for (int code : List.of(1, 2, 3, 4, 137)) {
      // Batch retries a code the strategy does not EXIT on until the attempts run out.
      int attempts =
          BatchRetry.actionFor(retry, code).equals("EXIT") ? 1 : retry.path("attempts").asInt();
      Integer[] codes = new Integer[attempts];
      Arrays.fill(codes, code);

      assertThat(rule.matches(failed(codes))).as("exit %d", code).isEqualTo(code != 3);
    }
  }

  @Test
  void ruleStillPagesWhenALockedAttemptFollowsOneThatFailedOrNoExitCodeWasRecorded() {
    assertThat(rule.matches(failed(137, 3)))
        .as("a retry locked out by the lease its killed predecessor left")
        .isTrue();
    assertThat(rule.matches(failed(1, 3))).isTrue();
    assertThat(rule.matches(failed(3, 3))).as("locked twice").isFalse();
    assertThat(rule.matches(failed((Integer) null)))
        .as("no exit code: the container never started or its host went away")
        .isTrue();
  }

  @Test
  void ruleIgnoresSucceededJobsOtherQueuesAndOtherJobs() {
    ObjectNode succeeded = failed(0);
    ((ObjectNode) succeeded.get("detail")).put("status", "SUCCEEDED");
    ObjectNode otherQueue = failed(1);
    ((ObjectNode) otherQueue.get("detail")).put("jobQueue", QUEUE_ARN + "-other");
    ObjectNode otherJob = failed(1);
    ((ObjectNode) otherJob.get("detail")).put("jobName", "nightly-report");

    assertThat(rule.matches(succeeded)).isFalse();
    assertThat(rule.matches(otherQueue)).isFalse();
    assertThat(rule.matches(otherJob)).isFalse();
  }

  @Test
  void ruleWatchesTheQueueAndTheJobNamesTheBatchFilesSubmit() {
    JsonNode detail = DeployFiles.rendered("alarms/batch-failed-pattern.json").path("detail");
    JsonNode input =
        DeployFiles.parse(
            DeployFiles.rendered("batch/schedule.json").path("Target").path("Input").asText());
    String prefix = detail.at("/jobName/0/prefix").asText();

    assertThat(detail.at("/jobQueue/0").asText())
        .isEqualTo(QUEUE_ARN)
        .endsWith("job-queue/" + input.path("JobQueue").asText());
    assertThat(input.path("JobName").asText()).startsWith(prefix);
    assertThat(DeployFiles.text("batch/submit-job.sh")).contains("name=compactor-$EVENT_TYPE");
  }

  /** A sample Batch event from {@code src/test/resources/deploy/}. */
  private static ObjectNode event(String name) {
    try (InputStream in = TestDeployBatchRule.class.getResourceAsStream("/deploy/" + name)) {
      assertThat(in).as("test resource deploy/%s", name).isNotNull();
      return (ObjectNode) DeployFiles.JSON.readTree(in);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /**
   * The FAILED sample event with one attempt per code (null: the attempt recorded none), the last
   * attempt's code also as the job's, as Batch reports it.
   */
  private static ObjectNode failed(Integer... codes) {
    ObjectNode event = event("batch-job-failed-exit-1.json");
    ObjectNode detail = (ObjectNode) event.get("detail");
    ObjectNode template = (ObjectNode) detail.path("attempts").get(0);
    ArrayNode attempts = detail.putArray("attempts");
    for (Integer code : codes) {
      ObjectNode attempt = template.deepCopy();
      setExitCode((ObjectNode) attempt.get("container"), code);
      attempts.add(attempt);
    }
    setExitCode((ObjectNode) detail.get("container"), codes[codes.length - 1]);
    return event;
  }

  private static void setExitCode(ObjectNode container, Integer code) {
    if (code == null) {
      container.remove("exitCode");
    } else {
      container.put("exitCode", code);
    }
  }
}
