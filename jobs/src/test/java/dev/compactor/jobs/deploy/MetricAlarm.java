package dev.compactor.jobs.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.HashMap;
import java.util.Map;

/**
 * A CloudWatch metric alarm as a PutMetricAlarm request, judged on one datapoint the way the
 * CloudWatch User Guide describes a threshold: the statistic compared with the threshold by the
 * comparison operator.
 */
record MetricAlarm(JsonNode request) {

  String name() {
    return request.path("AlarmName").asText();
  }

  String metric() {
    return request.path("MetricName").asText();
  }

  String namespace() {
    return request.path("Namespace").asText();
  }

  /** The dimensions the alarm's metric must have, by name. */
  Map<String, String> dimensions() {
    Map<String, String> dimensions = new HashMap<>();
    request
        .path("Dimensions")
        .forEach(d -> dimensions.put(d.path("Name").asText(), d.path("Value").asText()));
    return dimensions;
  }

  /**
   * Whether a period holding only {@code line} breaches: its statistic over one datapoint is the
   * value itself, or 1 for a sample count.
   */
  boolean breachedBy(JsonNode line) {
    return breaches(
        request.path("Statistic").asText().equals("SampleCount")
            ? 1
            : line.path(metric()).asDouble());
  }

  boolean breaches(double value) {
    double threshold = request.path("Threshold").asDouble();
    return switch (request.path("ComparisonOperator").asText()) {
      case "GreaterThanThreshold" -> value > threshold;
      case "GreaterThanOrEqualToThreshold" -> value >= threshold;
      case "LessThanThreshold" -> value < threshold;
      case "LessThanOrEqualToThreshold" -> value <= threshold;
      default -> throw new AssertionError("comparison operator of " + request);
    };
  }
}
