package dev.compactor.jobs.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The deploy files under {@code submit/}, read the way the deploy scripts read them: JSON templates
 * whose {@code ${NAME}} placeholders are filled with example values, as {@code
 * submit/lib/common.sh} does. Tests run with {@code jobs/} as the working directory, so the files
 * are at {@code ../submit}.
 */
final class DeployFiles {

  static final Path ROOT = Path.of("..").toAbsolutePath().normalize();
  static final Path SUBMIT = ROOT.resolve("submit");
  static final String MAIN_CLASS = "dev.compactor.jobs.cli.Compactor";
  static final ObjectMapper JSON = new ObjectMapper();

  /** One value per placeholder used anywhere in submit/, shaped like the real thing. */
  static final Map<String, String> EXAMPLES =
      Map.ofEntries(
          Map.entry("ACCOUNT_ID", "123456789012"),
          Map.entry("REGION", "eu-west-1"),
          Map.entry("IMAGE", "123456789012.dkr.ecr.eu-west-1.amazonaws.com/compactor:1.0"),
          Map.entry("JOB_DEFINITION", "compactor"),
          Map.entry("JOB_QUEUE", "compactor"),
          Map.entry("JOB_ROLE_ARN", "arn:aws:iam::123456789012:role/compactor-job"),
          Map.entry("SCHEDULER_ROLE_ARN", "arn:aws:iam::123456789012:role/compactor-scheduler"),
          Map.entry("EVENT_TYPE", "clicks"),
          Map.entry("ARTIFACTS", "s3://acme-deploy/compactor"),
          Map.entry("APPLICATION_ID", "00fabc1234567890"),
          Map.entry(
              "EXECUTION_ROLE_ARN", "arn:aws:iam::123456789012:role/compactor-emr-serverless"),
          Map.entry("EMR_CLUSTER_ID", "j-2AXXXXXXGAPLF"),
          Map.entry("SNS_TOPIC_ARN", "arn:aws:sns:eu-west-1:123456789012:compactor-alarms"),
          Map.entry("NAMESPACE", "Compactor"));

  private static final Pattern PLACEHOLDER = Pattern.compile("\\$\\{([A-Z_]+)}");

  private DeployFiles() {}

  static Path path(String relative) {
    Path path = SUBMIT.resolve(relative);
    assertThat(path).as("deploy file submit/%s", relative).isRegularFile();
    return path;
  }

  static String text(String relative) {
    try {
      return Files.readString(path(relative));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The template as stored: placeholders sit inside JSON strings, so it parses as it is. */
  static JsonNode template(String relative) {
    return parse(text(relative));
  }

  /** The template with every placeholder filled from {@link #EXAMPLES}. */
  static JsonNode rendered(String relative) {
    return parse(fill(text(relative)));
  }

  static String fill(String text) {
    Matcher matcher = PLACEHOLDER.matcher(text);
    StringBuilder out = new StringBuilder();
    while (matcher.find()) {
      String value = EXAMPLES.get(matcher.group(1));
      assertThat(value).as("example value for placeholder %s", matcher.group()).isNotNull();
      matcher.appendReplacement(out, Matcher.quoteReplacement(value));
    }
    return matcher.appendTail(out).toString();
  }

  static JsonNode parse(String json) {
    try {
      return JSON.readTree(json);
    } catch (IOException e) {
      throw new AssertionError("not valid JSON: " + e.getMessage() + "\n" + json, e);
    }
  }
}
