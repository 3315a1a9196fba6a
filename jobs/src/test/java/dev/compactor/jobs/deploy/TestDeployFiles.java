package dev.compactor.jobs.deploy;

import static dev.compactor.jobs.deploy.DeployFiles.MAIN_CLASS;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.compactor.config.CompactorConfig;
import dev.compactor.config.ConfigLoader;
import java.lang.reflect.Method;
import java.lang.reflect.Modifier;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * The JSON deploy files: each parses, has the fields its AWS API requires, and hands the entry
 * point a command line that the real CLI parser accepts. The shapes were also checked once against
 * the AWS CLI's service models (parameter validation runs before any request is sent).
 */
class TestDeployFiles {

  private static final Path EXAMPLE_CONFIG =
      DeployFiles.ROOT.resolve("conf/aws.example.properties");

  @Test
  void mainClassNamedByTheDeployFilesExistsAndHasMain() throws Exception {
    Method main = Class.forName(MAIN_CLASS).getMethod("main", String[].class);

    assertThat(Modifier.isStatic(main.getModifiers())).isTrue();
  }

  @Test
  void exampleConfigurationTheDeployFilesPointAtLoadsAndDefinesTheExampleEventType() {
    CompactorConfig config = ConfigLoader.load(EXAMPLE_CONFIG, Map.of());

    assertThat(config.eventType(DeployFiles.EXAMPLES.get("EVENT_TYPE")).name()).isEqualTo("clicks");
  }

  @Test
  void batchJobDefinitionRunsTheHourlyJobWithTheBakedInConfiguration() {
    JsonNode definition = DeployFiles.rendered("batch/job-definition.json");
    JsonNode container = definition.path("containerProperties");

    assertThat(definition.path("type").asText()).isEqualTo("container");
    assertThat(container.path("image").asText()).isEqualTo(DeployFiles.EXAMPLES.get("IMAGE"));
    assertThat(container.path("jobRoleArn").asText()).startsWith("arn:aws:iam::");
    assertThat(container.path("logConfiguration").path("logDriver").asText()).isEqualTo("awslogs");
    assertThat(container.at("/linuxParameters/initProcessEnabled").asBoolean())
        .as("Docker's init is PID 1 and forwards Batch's SIGTERM to java")
        .isTrue();
    assertThat(definition.path("timeout").path("attemptDurationSeconds").asInt())
        .as("an hourly run must end before the next one starts")
        .isBetween(60, 3600);
    ParsedCommand args =
        EntryPoint.ofBatchCommand(container.get("command"), parameters(definition)).check();
    assertThat(args.command()).isEqualTo("run");
    assertThat(args.required("--config")).startsWith(TestDeployDockerfile.CONF_DIR);
  }

  @Test
  void batchSetsALocalMasterOfItsVcpusOnItsCommandLineAndTheSharedConfigurationSetsNone() {
    JsonNode definition = DeployFiles.rendered("batch/job-definition.json");
    JsonNode container = definition.path("containerProperties");
    ParsedCommand args =
        EntryPoint.ofBatchCommand(container.get("command"), parameters(definition)).check();
    String master = "local[" + resource(container, "VCPU") + "]";

    assertThat(args.overrides()).containsEntry("spark.master", master);
    assertThat(ConfigLoader.load(EXAMPLE_CONFIG, args.overrides()).spark().master())
        .isEqualTo(master);
    // EMR runs from the same aws.properties: a master there would put the EMR job in local mode.
    assertThat(ConfigLoader.load(EXAMPLE_CONFIG, Map.of()).spark().master()).isEmpty();
    assertThat(DeployFiles.text("emr/step.json")).doesNotContain("spark.master");
    assertThat(DeployFiles.text("emr-serverless/start-job-run.json"))
        .doesNotContain("spark.master");
  }

  @Test
  void batchRetriesTransientFailuresButNotUsageLockedOrPartialRuns() {
    JsonNode retry = DeployFiles.template("batch/job-definition.json").path("retryStrategy");

    assertThat(retry.path("attempts").asInt()).isBetween(2, 10);
    assertThat(retry.path("evaluateOnExit").size())
        .as("AWS Batch allows at most 5")
        .isLessThanOrEqualTo(5);
    assertThat(BatchRetry.actionFor(retry, 2)).as("exit 2: bad usage or config").isEqualTo("EXIT");
    assertThat(BatchRetry.actionFor(retry, 3))
        .as("exit 3: locked by another run")
        .isEqualTo("EXIT");
    assertThat(BatchRetry.actionFor(retry, 4))
        .as("exit 4: partial, needs a person")
        .isEqualTo("EXIT");
    assertThat(BatchRetry.actionFor(retry, 1))
        .as("exit 1: failed, rerunning is safe")
        .isEqualTo("RETRY");
    assertThat(BatchRetry.actionFor(retry, 137)).as("killed").isEqualTo("RETRY");
  }

  @Test
  void scheduleSubmitsTheJobDefinitionHourlyForItsEventType() {
    JsonNode schedule = DeployFiles.rendered("batch/schedule.json");
    JsonNode target = schedule.path("Target");
    JsonNode input = DeployFiles.parse(target.path("Input").asText());
    JsonNode definition = DeployFiles.rendered("batch/job-definition.json");

    assertThat(schedule.path("ScheduleExpression").asText())
        .matches("cron\\(\\d{1,2} \\* \\* \\* \\? \\*\\)|rate\\(1 hour\\)");
    assertThat(schedule.path("FlexibleTimeWindow").path("Mode").asText()).isEqualTo("OFF");
    assertThat(target.path("Arn").asText())
        .isEqualTo("arn:aws:scheduler:::aws-sdk:batch:submitJob");
    assertThat(target.path("RoleArn").asText()).startsWith("arn:aws:iam::");
    assertThat(input.path("JobDefinition").asText())
        .isEqualTo(definition.path("jobDefinitionName").asText());
    assertThat(input.path("JobQueue").asText()).isNotBlank();
    assertThat(input.path("JobName").asText()).matches("[A-Za-z0-9][A-Za-z0-9_-]{0,127}");
    Map<String, String> parameters = parameters(definition);
    parameters.putAll(strings(input.path("Parameters")));
    ParsedCommand args =
        EntryPoint.ofBatchCommand(definition.path("containerProperties").get("command"), parameters)
            .check();
    assertThat(args.required("--event-type")).isEqualTo(DeployFiles.EXAMPLES.get("EVENT_TYPE"));
  }

  @Test
  void emrStepCopiesTheConfigurationThenRunsTheJarInClientMode() {
    JsonNode steps = DeployFiles.rendered("emr/step.json");
    JsonNode fetch = steps.get(0);
    List<String> fetchArgs = EntryPoint.strings(fetch.get("Args"));

    assertThat(fetch.path("Jar").asText()).isEqualTo("command-runner.jar");
    assertThat(fetchArgs).startsWith("aws", "s3", "sync");
    String localConf = fetchArgs.get(fetchArgs.size() - 1);
    List<String> submit = EntryPoint.strings(steps.get(1).get("Args"));
    // Client mode: the driver reads the copied file, and its exit code becomes the step's (see
    // submit/README.md, EMR on EC2).
    assertThat(submit).containsSubsequence("--deploy-mode", "client");
    assertThat(submit).contains(DeployFiles.EXAMPLES.get("ARTIFACTS") + "/compactor-jobs-emr.jar");
    ParsedCommand args = EntryPoint.ofEmrSteps(steps).check();
    assertThat(args.command()).isEqualTo("run");
    assertThat(args.required("--config")).startsWith(localConf).endsWith(".properties");
  }

  @Test
  void emrServerlessRunUnpacksTheConfigurationArchiveBesideTheDriver() {
    JsonNode request = DeployFiles.rendered("emr-serverless/start-job-run.json");
    String parameters =
        request.path("jobDriver").path("sparkSubmit").path("sparkSubmitParameters").asText();

    assertThat(request.path("applicationId").asText()).isNotBlank();
    assertThat(request.path("executionRoleArn").asText()).startsWith("arn:aws:iam::");
    assertThat(request.path("configurationOverrides").path("monitoringConfiguration").isObject())
        .isTrue();
    assertThat(parameters)
        .contains(
            "--archives " + DeployFiles.EXAMPLES.get("ARTIFACTS") + "/compactor-conf.zip#conf");
    ParsedCommand args = EntryPoint.ofServerless(request).check();
    assertThat(args.required("--config")).isEqualTo("conf/aws.properties");
  }

  @Test
  void emrServerlessSendsTheDriversStdoutWhereTheMetricsLineIsToTheLogGroupTheJobPolicyAllows() {
    JsonNode logging =
        DeployFiles.template("emr-serverless/start-job-run.json")
            .at("/configurationOverrides/monitoringConfiguration/cloudWatchLoggingConfiguration");

    assertThat(logging.path("enabled").asBoolean()).isTrue();
    // Without logTypes only the driver's STDOUT and STDERR are published.
    assertThat(EntryPoint.strings(logging.at("/logTypes/SPARK_DRIVER"))).contains("STDOUT");
    assertThat(EntryPoint.strings(logging.at("/logTypes/SPARK_EXECUTOR"))).isNotEmpty();
    assertLogTypes(logging.path("logTypes"), "SPARK_DRIVER", "SPARK_EXECUTOR");
    assertThat(logGroupOf("EmrServerlessLogsOptional"))
        .isEqualTo(logging.path("logGroupName").asText());
  }

  @Test
  void emrOnEc2SendsTheStepsStdoutWhereTheClientModeDriverPrintsToTheLogGroupTheJobPolicyAllows() {
    JsonNode logging =
        DeployFiles.template("emr/monitoring-configuration.json")
            .path("CloudWatchLogConfiguration");

    assertThat(logging.path("Enabled").asBoolean()).isTrue();
    // In client mode the driver is the step's spark-submit process: its stdout is the step's.
    assertThat(DeployFiles.text("emr/step.json")).contains("\"--deploy-mode\", \"client\"");
    assertThat(EntryPoint.strings(logging.at("/LogTypes/STEP_LOGS"))).contains("STDOUT");
    assertLogTypes(logging.path("LogTypes"), "STEP_LOGS", "SPARK_DRIVER", "SPARK_EXECUTOR");
    assertThat(logGroupOf("EmrOnEc2LogsOptional")).isEqualTo(logging.path("LogGroupName").asText());
  }

  @Test
  void emrFilesReferToWhatTheUploadScriptUploads() {
    String upload = DeployFiles.text("emr/upload.sh");

    assertThat(upload)
        .contains("\"$ARTIFACTS/compactor-jobs-emr.jar\"")
        .contains("\"$ARTIFACTS/conf/\"")
        .contains("\"$ARTIFACTS/compactor-conf.zip\"");
    assertThat(DeployFiles.text("emr/step.json"))
        .contains("${ARTIFACTS}/compactor-jobs-emr.jar", "${ARTIFACTS}/conf/");
    assertThat(DeployFiles.text("emr-serverless/start-job-run.json"))
        .contains("${ARTIFACTS}/compactor-jobs-emr.jar", "${ARTIFACTS}/compactor-conf.zip#conf");
  }

  /** Keys among the valid log types, each with files among STDOUT and STDERR. */
  private static void assertLogTypes(JsonNode logTypes, String... validKeys) {
    logTypes
        .fields()
        .forEachRemaining(
            type -> {
              assertThat(validKeys).as("log type").contains(type.getKey());
              assertThat(EntryPoint.strings(type.getValue())).isSubsetOf("STDOUT", "STDERR");
            });
  }

  /** The log group a job-policy statement lets the role write to. */
  private static String logGroupOf(String sid) {
    String resource =
        Policy.of(DeployFiles.template("iam/job-policy.json"))
            .statement(sid)
            .path("Resource")
            .asText();
    String prefix = "arn:aws:logs:${REGION}:${ACCOUNT_ID}:log-group:";
    assertThat(resource).startsWith(prefix).endsWith(":*");
    return resource.substring(prefix.length(), resource.length() - ":*".length());
  }

  /** The value of one of a Batch container's resource requirements, e.g. VCPU. */
  private static String resource(JsonNode container, String type) {
    for (JsonNode requirement : container.path("resourceRequirements")) {
      if (requirement.path("type").asText().equals(type)) {
        return requirement.path("value").asText();
      }
    }
    throw new AssertionError("no " + type + " in " + container.path("resourceRequirements"));
  }

  private static Map<String, String> parameters(JsonNode definition) {
    return strings(definition.path("parameters"));
  }

  /** A JSON object of strings as a mutable map. */
  private static Map<String, String> strings(JsonNode object) {
    Map<String, String> map = new HashMap<>();
    object.fields().forEachRemaining(field -> map.put(field.getKey(), field.getValue().asText()));
    return map;
  }
}
