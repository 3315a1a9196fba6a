package dev.compactor.jobs.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The deploy scripts: they parse, explain themselves, refuse bad arguments with exit 2, and with
 * {@code --print-only} print AWS CLI commands whose compactor arguments the real CLI parser
 * accepts.
 */
class TestDeployScripts {

  private static final String FROM = "2026-11-01T00";
  private static final String TO = "2026-11-03T23";
  private static final Map<String, String> ENV =
      Map.of(
          "EMR_CLUSTER_ID", "j-2AXXXXXXGAPLF",
          "EMR_SERVERLESS_APPLICATION_ID", DeployFiles.EXAMPLES.get("APPLICATION_ID"),
          "EMR_SERVERLESS_ROLE_ARN", DeployFiles.EXAMPLES.get("EXECUTION_ROLE_ARN"),
          "COMPACTOR_ARTIFACTS", DeployFiles.EXAMPLES.get("ARTIFACTS"));

  @Test
  void everyShellScriptParses() throws IOException {
    List<Path> scripts = shellScripts();

    assertThat(scripts)
        .extracting(p -> DeployFiles.SUBMIT.relativize(p).toString())
        .contains(
            "backfill.sh", "batch/deploy.sh", "emr/add-step.sh", "iam/render.sh", "lib/common.sh");
    for (Path script : scripts) {
      Scripts.Result result = Scripts.run(Map.of(), "bash", "-n", script.toString());
      assertThat(result.exitCode()).as("bash -n %s: %s", script, result.stderr()).isZero();
    }
  }

  @ParameterizedTest
  @ValueSource(
      strings = {
        "alarms/deploy.sh",
        "backfill.sh",
        "batch/deploy.sh",
        "batch/submit-job.sh",
        "emr/add-step.sh",
        "emr/schedule.sh",
        "emr/upload.sh",
        "emr-serverless/start-job-run.sh",
        "iam/render.sh"
      })
  void helpExplainsUsage(String script) {
    Scripts.Result result = Scripts.run(Map.of(), "bash", "submit/" + script, "--help");

    assertThat(result.stdout() + result.stderr()).contains("usage: submit/" + script);
  }

  @Test
  void backfillLocallyRunsTheWrapperWithTheRange() {
    List<String> words = backfill("local", "--force");

    assertThat(words.get(0)).endsWith("submit/compactor");
    ParsedCommand args = checkBackfill(new EntryPoint(words.subList(1, words.size())));
    assertThat(args.has("--force")).isTrue();
    assertThat(args.required("--config")).endsWith("conf/local.properties");
  }

  @Test
  void backfillOnBatchOverridesTheJobDefinitionsCommand() {
    List<String> words = backfill("batch", "--dry-run");

    assertThat(words).startsWith("aws", "batch", "submit-job");
    assertThat(Scripts.valueOf(words, "--job-definition")).isEqualTo("compactor");
    assertThat(Scripts.valueOf(words, "--timeout")).isEqualTo("attemptDurationSeconds=43200");
    JsonNode overrides = DeployFiles.parse(Scripts.valueOf(words, "--container-overrides"));
    ParsedCommand args =
        checkBackfill(EntryPoint.ofBatchCommand(overrides.get("command"), Map.of()));
    assertThat(args.has("--dry-run")).isTrue();
    assertThat(args.required("--config")).isEqualTo("/opt/compactor/conf/aws.properties");
    assertThat(args.overrides())
        .as("the override keeps the job definition's master")
        .containsEntry("spark.master", "local[8]");
  }

  @Test
  void backfillOnEmrAddsTheSameStepsAsTheHourlyRun() {
    List<String> words = backfill("emr");

    assertThat(words).startsWith("aws", "emr", "add-steps");
    assertThat(Scripts.valueOf(words, "--cluster-id")).isEqualTo("j-2AXXXXXXGAPLF");
    JsonNode steps = DeployFiles.parse(Scripts.valueOf(words, "--steps"));
    assertThat(steps.size()).isEqualTo(DeployFiles.rendered("emr/step.json").size());
    checkBackfill(EntryPoint.ofEmrSteps(steps));
  }

  @Test
  void backfillOnEmrServerlessStartsAJobRun() {
    List<String> words = backfill("emr-serverless");

    assertThat(words).startsWith("aws", "emr-serverless", "start-job-run");
    assertThat(Scripts.valueOf(words, "--execution-timeout-minutes")).isEqualTo("720");
    JsonNode request = DeployFiles.parse(Scripts.valueOf(words, "--cli-input-json"));
    assertThat(request.path("applicationId").asText())
        .isEqualTo(DeployFiles.EXAMPLES.get("APPLICATION_ID"));
    checkBackfill(EntryPoint.ofServerless(request));
  }

  @Test
  void backfillRefusesAReversedRangeWithExitCode2() {
    Scripts.Result result =
        Scripts.run(
            ENV,
            "bash",
            "submit/backfill.sh",
            "--target",
            "batch",
            "--event-type",
            "clicks",
            "--from",
            TO,
            "--to",
            FROM,
            "--print-only");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr()).contains("--from " + TO + " is after --to " + FROM);
  }

  @Test
  void backfillRefusesAnHourWithoutPadding() {
    Scripts.Result result =
        Scripts.run(
            ENV,
            "bash",
            "submit/backfill.sh",
            "--target",
            "local",
            "--event-type",
            "clicks",
            "--from",
            "2026-11-1T00",
            "--to",
            TO);

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr()).contains("--from must look like 2026-11-01T00");
  }

  @Test
  void deployRegistersTheJobDefinitionAndOneScheduleEachEventType() {
    Scripts.Result result =
        Scripts.run(
            Map.of("ACCOUNT_ID", "123456789012", "REGION", "eu-west-1"),
            "bash",
            "submit/batch/deploy.sh",
            "--print-only",
            "clicks",
            "conversions");

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    List<List<String>> commands = result.lines().stream().map(Scripts::words).toList();
    List<String> register =
        commands.stream()
            .filter(c -> c.contains("register-job-definition"))
            .findFirst()
            .orElseThrow();
    JsonNode definition = DeployFiles.parse(Scripts.valueOf(register, "--cli-input-json"));
    assertThat(definition.path("containerProperties").path("image").asText())
        .isEqualTo("123456789012.dkr.ecr.eu-west-1.amazonaws.com/compactor:latest");
    List<String> scheduled =
        commands.stream()
            .filter(c -> c.contains("create-schedule"))
            .map(c -> DeployFiles.parse(Scripts.valueOf(c, "--cli-input-json")))
            .map(s -> DeployFiles.parse(s.path("Target").path("Input").asText()))
            .map(input -> input.path("Parameters").path("event_type").asText())
            .toList();
    assertThat(scheduled).containsExactly("clicks", "conversions");
  }

  @Test
  void emrScheduleAddsTheSameStepsAsAddStepInTheShapeOfTheApi() {
    Map<String, String> env = new HashMap<>(ENV);
    env.putAll(Map.of("ACCOUNT_ID", "123456789012", "REGION", "eu-west-1"));
    Scripts.Result result =
        Scripts.run(env, "bash", "submit/emr/schedule.sh", "--print-only", "clicks", "conversions");

    assertThat(result.exitCode()).as(result.stderr()).isZero();
    List<JsonNode> schedules =
        result.lines().stream()
            .map(Scripts::words)
            .filter(c -> c.contains("create-schedule"))
            .map(c -> DeployFiles.parse(Scripts.valueOf(c, "--cli-input-json")))
            .toList();
    assertThat(schedules).hasSize(2);
    JsonNode schedule = schedules.get(0);
    JsonNode target = schedule.path("Target");
    assertThat(target.path("Arn").asText())
        .isEqualTo("arn:aws:scheduler:::aws-sdk:emr:addJobFlowSteps");
    assertThat(target.path("RoleArn").asText())
        .isEqualTo("arn:aws:iam::123456789012:role/compactor-emr-scheduler");
    assertThat(schedule.path("ScheduleExpression").asText())
        .isEqualTo(DeployFiles.template("batch/schedule.json").path("ScheduleExpression").asText());
    assertThat(schedule.path("Name").asText())
        .as("the Batch schedules of the same group are compactor-<event type>")
        .isEqualTo("compactor-emr-clicks");
    JsonNode input = DeployFiles.parse(target.path("Input").asText());
    assertThat(input.path("JobFlowId").asText()).isEqualTo("j-2AXXXXXXGAPLF");
    JsonNode shorthand = DeployFiles.rendered("emr/step.json");
    JsonNode steps = input.path("Steps");
    assertThat(steps).hasSize(shorthand.size());
    for (int i = 0; i < steps.size(); i++) {
      JsonNode step = steps.get(i);
      JsonNode cli = shorthand.get(i);
      assertThat(step.path("Name").asText()).isEqualTo(cli.path("Name").asText());
      assertThat(step.path("ActionOnFailure").asText())
          .isEqualTo(cli.path("ActionOnFailure").asText());
      List<String> args = EntryPoint.strings(step.at("/HadoopJarStep/Args"));
      List<String> cliArgs = EntryPoint.strings(cli.get("Args"));
      // What the AWS CLI sends for each shorthand step on a release-label cluster.
      if (cli.path("Type").asText().equals("Spark")) {
        assertThat(step.at("/HadoopJarStep/Jar").asText()).isEqualTo("command-runner.jar");
        assertThat(args.get(0)).isEqualTo("spark-submit");
        assertThat(args.subList(1, args.size())).isEqualTo(cliArgs);
      } else {
        assertThat(step.at("/HadoopJarStep/Jar").asText()).isEqualTo(cli.path("Jar").asText());
        assertThat(args).isEqualTo(cliArgs);
      }
    }
    ParsedCommand args = EntryPoint.ofApiSteps(steps).check();
    assertThat(args.command()).isEqualTo("run");
    assertThat(args.required("--event-type")).isEqualTo("clicks");
  }

  /** Runs backfill.sh --print-only for a target and returns the words of the command it prints. */
  private static List<String> backfill(String target, String... flags) {
    String[] command =
        Stream.concat(
                Stream.of(
                    "bash",
                    "submit/backfill.sh",
                    "--target",
                    target,
                    "--event-type",
                    "clicks",
                    "--from",
                    FROM,
                    "--to",
                    TO,
                    "--print-only"),
                Stream.of(flags))
            .toArray(String[]::new);
    Scripts.Result result = Scripts.run(ENV, command);
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    assertThat(result.lines()).hasSize(1);
    return Scripts.words(result.lines().get(0));
  }

  private static ParsedCommand checkBackfill(EntryPoint entryPoint) {
    ParsedCommand args = entryPoint.check();
    assertThat(args.command()).isEqualTo("backfill");
    assertThat(args.required("--event-type")).isEqualTo("clicks");
    assertThat(args.required("--from")).isEqualTo(FROM);
    assertThat(args.required("--to")).isEqualTo(TO);
    return args;
  }

  private static List<Path> shellScripts() throws IOException {
    try (Stream<Path> files = Files.walk(DeployFiles.SUBMIT)) {
      return files.filter(Files::isRegularFile).filter(TestDeployScripts::isBash).sorted().toList();
    }
  }

  private static boolean isBash(Path file) {
    try {
      String name = file.getFileName().toString();
      return name.endsWith(".sh") || Files.readString(file).startsWith("#!/usr/bin/env bash");
    } catch (IOException e) {
      return false;
    }
  }
}
