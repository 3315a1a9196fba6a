package dev.compactor.jobs.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.MissingNode;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * An Amazon EventBridge event pattern, matched against an event as the EventBridge User Guide
 * describes it, for the subset the deploy files use: nested objects, lists of exact values, {@code
 * prefix}, {@code anything-but} (one value or a list), {@code exists}, and {@code $or}. Every field
 * named in the pattern must be in the event; an array in the event matches if any of its values
 * does, at any depth (so {@code attempts.container.exitCode} collects every attempt's code). Any
 * other operator fails the test instead of being guessed at.
 */
record EventPattern(JsonNode pattern) {

  /** Whether the event matches the whole pattern. */
  boolean matches(JsonNode event) {
    return matches(pattern, event);
  }

  private static boolean matches(JsonNode pattern, JsonNode event) {
    for (var fields = pattern.fields(); fields.hasNext(); ) {
      Map.Entry<String, JsonNode> field = fields.next();
      if (field.getKey().equals("$or")) {
        boolean any = false;
        for (JsonNode alternative : field.getValue()) {
          any |= matches(alternative, event);
        }
        if (!any) {
          return false;
        }
      } else if (field.getValue().isObject()) {
        if (!matches(field.getValue(), child(event, field.getKey()))) {
          return false;
        }
      } else if (!leaf(field.getValue(), values(event, field.getKey()))) {
        return false;
      }
    }
    return true;
  }

  /** The event's value under {@code name}; an array of objects stays an array (see values). */
  private static JsonNode child(JsonNode event, String name) {
    if (event.isArray()) {
      ArrayNode elements = DeployFiles.JSON.createArrayNode();
      event.forEach(element -> elements.add(child(element, name)));
      return elements;
    }
    JsonNode value = event.get(name);
    return value == null ? MissingNode.getInstance() : value;
  }

  /** Every scalar value under {@code name}, through arrays at any depth; empty when absent. */
  private static List<JsonNode> values(JsonNode event, String name) {
    List<JsonNode> out = new ArrayList<>();
    collect(child(event, name), out);
    return out;
  }

  private static void collect(JsonNode node, List<JsonNode> out) {
    if (node.isArray()) {
      node.forEach(element -> collect(element, out));
    } else if (!node.isMissingNode() && !node.isObject()) {
      out.add(node);
    }
  }

  private static boolean leaf(JsonNode matchers, List<JsonNode> values) {
    if (!matchers.isArray()) {
      throw new AssertionError("a pattern's leaf must be a list of matchers, not " + matchers);
    }
    for (JsonNode matcher : matchers) {
      if (matcher.isObject() && matcher.has("exists")) {
        if (matcher.get("exists").asBoolean() != values.isEmpty()) {
          return true;
        }
        continue;
      }
      for (JsonNode value : values) {
        if (matchesValue(matcher, value)) {
          return true;
        }
      }
    }
    return false;
  }

  private static boolean matchesValue(JsonNode matcher, JsonNode value) {
    if (!matcher.isObject()) {
      return equal(matcher, value);
    }
    if (matcher.size() != 1) {
      throw new AssertionError("one operator per matcher: " + matcher);
    }
    String operator = matcher.fieldNames().next();
    JsonNode operand = matcher.get(operator);
    return switch (operator) {
      case "prefix" -> value.isTextual() && value.asText().startsWith(operand.asText());
      case "anything-but" -> {
        List<JsonNode> excluded = new ArrayList<>();
        if (operand.isArray()) {
          operand.forEach(excluded::add);
        } else {
          excluded.add(operand);
        }
        yield excluded.stream().noneMatch(e -> equal(e, value));
      }
      default -> throw new AssertionError("operator " + operator + " is not supported here");
    };
  }

  /** JSON values of the same kind and value; 3 and "3" differ, as in EventBridge. */
  private static boolean equal(JsonNode expected, JsonNode value) {
    if (expected.isNumber() && value.isNumber()) {
      return expected.decimalValue().compareTo(value.decimalValue()) == 0;
    }
    return expected.getNodeType() == value.getNodeType() && expected.equals(value);
  }
}
