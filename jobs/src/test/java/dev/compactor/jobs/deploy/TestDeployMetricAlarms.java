package dev.compactor.jobs.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.compactor.config.ConfigLoader;
import dev.compactor.config.MetricsSettings;
import dev.compactor.jobs.run.EmfMetrics;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The CloudWatch alarms of {@code submit/alarms/metric-alarms.json}, as {@code deploy.sh} puts
 * them: each watches a metric that the metrics line really emits, with its namespace and
 * dimensions, checked against lines {@link EmfMetrics} prints with the same configuration; and the
 * topic policy lets exactly the rule and these alarms publish.
 */
class TestDeployMetricAlarms {

  private static final Path EXAMPLE_CONFIG =
      DeployFiles.ROOT.resolve("conf/aws.example.properties");
  private static final String TOPIC = DeployFiles.EXAMPLES.get("SNS_TOPIC_ARN");
  private static final Map<String, String> ENV =
      Map.of(
          "ACCOUNT_ID", DeployFiles.EXAMPLES.get("ACCOUNT_ID"),
          "REGION", DeployFiles.EXAMPLES.get("REGION"),
          "SNS_TOPIC_ARN", TOPIC);

  @TempDir Path dir;

  @Test
  void everyAlarmWatchesAMetricEveryMetricsLineEmitsWithItsNamespaceAndDimensions()
      throws IOException {
    Path config =
        config(
            "metrics.namespace = Acme/Compactor\n"
                + "metrics.dimensions = Environment=prod, Team=data\n");
    MetricsSettings settings = ConfigLoader.load(config, Map.of()).metrics();
    List<MetricAlarm> alarms = alarms(config);

    assertThat(alarms).hasSize(4);
    for (JsonNode line :
        List.of(MetricsLines.ofRun(settings, 0, 0), MetricsLines.locked(settings))) {
      for (MetricAlarm alarm : alarms) {
        assertThat(alarm.namespace()).isEqualTo(MetricsLines.namespace(line));
        assertThat(MetricsLines.metrics(line)).as(alarm.name()).contains(alarm.metric());
        // CloudWatch matches a metric on all of its dimensions, names and values.
        assertThat(alarm.dimensions()).isEqualTo(MetricsLines.dimensions(line));
      }
    }
  }

  @Test
  void withTheExampleConfigurationTheAlarmsUseTheDefaultNamespaceAndOnlyTheEventType() {
    MetricsSettings settings = ConfigLoader.load(EXAMPLE_CONFIG, Map.of()).metrics();
    JsonNode line = MetricsLines.locked(settings);

    for (MetricAlarm alarm : alarms(EXAMPLE_CONFIG)) {
      assertThat(alarm.namespace()).isEqualTo(settings.namespace());
      assertThat(alarm.dimensions())
          .isEqualTo(MetricsLines.dimensions(line))
          .containsOnlyKeys("EventType");
    }
  }

  @Test
  void failedPartitionsAndQuarantinedFilesBreachTheirAlarmAndALockedRunBreachesNone() {
    MetricsSettings settings = ConfigLoader.load(EXAMPLE_CONFIG, Map.of()).metrics();
    List<MetricAlarm> alarms = alarms(EXAMPLE_CONFIG);

    assertThat(breached(alarms, MetricsLines.ofRun(settings, 1, 0)))
        .containsExactly("compactor-clicks-partitions-failed");
    assertThat(breached(alarms, MetricsLines.ofRun(settings, 0, 1)))
        .containsExactly("compactor-clicks-files-quarantined");
    assertThat(breached(alarms, MetricsLines.locked(settings)))
        .as("a locked run must not page")
        .isEmpty();
    assertThat(breached(alarms, MetricsLines.ofRun(settings, 0, 0))).isEmpty();
    for (MetricAlarm alarm : alarms) {
      assertThat(EntryPoint.strings(alarm.request().path("AlarmActions"))).containsExactly(TOPIC);
    }
  }

  @Test
  void noRunAlarmBreachesOnlyWhenTwoHoursPassWithoutAMetricsLine() {
    JsonNode noRun = byName(alarms(EXAMPLE_CONFIG)).get("compactor-clicks-no-run").request();

    assertThat(noRun.path("MetricName").asText()).isEqualTo("ExitCode");
    assertThat(noRun.path("Statistic").asText()).isEqualTo("SampleCount");
    assertThat(new MetricAlarm(noRun).breaches(1)).as("a period with one line").isFalse();
    assertThat(noRun.path("TreatMissingData").asText())
        .as("a period with no line is missing data")
        .isEqualTo("breaching");
    // Runs end from 1 to 55 minutes after they start, so two lines can lie almost two hours
    // apart: a one-hour window would raise false alarms.
    assertThat(noRun.path("Period").asInt() * noRun.path("DatapointsToAlarm").asInt())
        .isEqualTo(7200);
    assertThat(noRun.path("EvaluationPeriods").asInt())
        .isEqualTo(noRun.path("DatapointsToAlarm").asInt());
  }

  @Test
  void topicPolicyLetsOnlyTheRuleAndTheCompactorsAlarmsPublish() {
    JsonNode policy = DeployFiles.rendered("alarms/topic-policy.json");

    assertThat(policy.path("Statement")).hasSize(2);
    for (JsonNode statement : policy.path("Statement")) {
      assertThat(statement.path("Action").asText()).isEqualTo("sns:Publish");
      assertThat(statement.path("Resource").asText()).isEqualTo(TOPIC);
    }
    assertThat(
            statement(policy, "events.amazonaws.com")
                .at("/Condition/ArnEquals/aws:SourceArn")
                .asText())
        .isEqualTo("arn:aws:events:eu-west-1:123456789012:rule/" + ruleName());
    String alarmArns =
        statement(policy, "cloudwatch.amazonaws.com")
            .at("/Condition/ArnLike/aws:SourceArn")
            .asText();
    for (MetricAlarm alarm : alarms(EXAMPLE_CONFIG)) {
      assertThat(
              Policy.glob(
                  alarmArns, "arn:aws:cloudwatch:eu-west-1:123456789012:alarm:" + alarm.name()))
          .as(alarm.name())
          .isTrue();
    }
  }

  @Test
  void deployRefusesToRunWithoutATopic() {
    Scripts.Result result =
        Scripts.run(
            Map.of("ACCOUNT_ID", "123456789012", "REGION", "eu-west-1"),
            "bash",
            "submit/alarms/deploy.sh",
            "--print-only",
            "--config",
            EXAMPLE_CONFIG.toString(),
            "clicks");

    assertThat(result.exitCode()).isEqualTo(2);
    assertThat(result.stderr()).contains("set SNS_TOPIC_ARN");
  }

  /** The alarms deploy.sh puts for event type clicks with {@code config}. */
  private static List<MetricAlarm> alarms(Path config) {
    return commands(config).stream()
        .filter(c -> c.contains("put-metric-alarm"))
        .map(c -> new MetricAlarm(DeployFiles.parse(Scripts.valueOf(c, "--cli-input-json"))))
        .toList();
  }

  private static String ruleName() {
    List<String> putRule =
        commands(EXAMPLE_CONFIG).stream()
            .filter(c -> c.contains("put-rule"))
            .findFirst()
            .orElseThrow();
    return Scripts.valueOf(putRule, "--name");
  }

  private static List<List<String>> commands(Path config) {
    Scripts.Result result =
        Scripts.run(
            ENV,
            "bash",
            "submit/alarms/deploy.sh",
            "--print-only",
            "--config",
            config.toString(),
            "clicks");
    assertThat(result.exitCode()).as(result.stderr()).isZero();
    return result.lines().stream().map(Scripts::words).toList();
  }

  private static Map<String, MetricAlarm> byName(List<MetricAlarm> alarms) {
    return alarms.stream().collect(Collectors.toMap(MetricAlarm::name, Function.identity()));
  }

  private static List<String> breached(List<MetricAlarm> alarms, JsonNode line) {
    return alarms.stream().filter(a -> a.breachedBy(line)).map(MetricAlarm::name).toList();
  }

  private static JsonNode statement(JsonNode policy, String service) {
    for (JsonNode statement : policy.path("Statement")) {
      if (statement.at("/Principal/Service").asText().equals(service)) {
        return statement;
      }
    }
    throw new AssertionError("no statement for " + service);
  }

  /** A loadable copy of the example configuration with {@code extra} lines appended. */
  private Path config(String extra) throws IOException {
    Path schemas = Files.createDirectories(dir.resolve("schemas"));
    Files.copy(
        DeployFiles.ROOT.resolve("conf/schemas/clicks.avsc"), schemas.resolve("clicks.avsc"));
    Path config = dir.resolve("aws.properties");
    Files.writeString(config, Files.readString(EXAMPLE_CONFIG) + extra);
    return config;
  }
}
