package dev.compactor.jobs.run;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.Set;

/**
 * Checks a line against the CloudWatch Embedded Metric Format specification: a root {@code _aws}
 * object with an integer millisecond {@code Timestamp} and {@code CloudWatchMetrics} directives,
 * each with a {@code Namespace}, dimension sets of at most 30 names that resolve to string members,
 * and metric definitions whose names resolve to numeric members and whose units are CloudWatch
 * units.
 */
public final class EmfValidator {

  private static final Set<String> UNITS =
      Set.of(
          "Seconds",
          "Microseconds",
          "Milliseconds",
          "Bytes",
          "Kilobytes",
          "Megabytes",
          "Gigabytes",
          "Terabytes",
          "Bits",
          "Kilobits",
          "Megabits",
          "Gigabits",
          "Terabits",
          "Percent",
          "Count",
          "Bytes/Second",
          "Kilobytes/Second",
          "Megabytes/Second",
          "Gigabytes/Second",
          "Terabytes/Second",
          "Bits/Second",
          "Kilobits/Second",
          "Megabits/Second",
          "Gigabits/Second",
          "Terabits/Second",
          "Count/Second",
          "None");

  private EmfValidator() {}

  /** Parses and validates; returns the root node for further assertions. */
  public static JsonNode validate(String line) throws IOException {
    assertThat(line).doesNotContain("\n");
    JsonNode root = new ObjectMapper().readTree(line);
    assertThat(root.isObject()).isTrue();
    JsonNode aws = root.get("_aws");
    assertThat(aws).as("_aws").isNotNull();
    assertThat(aws.get("Timestamp").isIntegralNumber()).as("Timestamp is epoch millis").isTrue();
    JsonNode directives = aws.get("CloudWatchMetrics");
    assertThat(directives.isArray() && directives.size() >= 1).isTrue();
    for (JsonNode directive : directives) {
      assertThat(directive.get("Namespace").isTextual()).isTrue();
      assertThat(directive.get("Namespace").asText()).isNotBlank().hasSizeLessThanOrEqualTo(255);
      for (JsonNode set : directive.get("Dimensions")) {
        assertThat(set.size()).isBetween(1, 30);
        for (JsonNode name : set) {
          assertThat(root.get(name.asText())).as("dimension %s", name).isNotNull();
          assertThat(root.get(name.asText()).isTextual())
              .as("dimension %s is a string", name)
              .isTrue();
        }
      }
      JsonNode metrics = directive.get("Metrics");
      assertThat(metrics.size()).isBetween(1, 100);
      for (JsonNode metric : metrics) {
        String name = metric.get("Name").asText();
        assertThat(root.get(name)).as("member for metric %s", name).isNotNull();
        assertThat(root.get(name).isNumber()).as("metric %s is a number", name).isTrue();
        if (metric.has("Unit")) {
          assertThat(UNITS).as("unit of %s", name).contains(metric.get("Unit").asText());
        }
      }
    }
    return root;
  }
}
