package dev.compactor.jobs.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * An IAM identity policy, checked against the policy grammar (the subset these files use) and read
 * as (action, resource) grants for least-privilege assertions.
 */
record Policy(JsonNode document) {

  /** One action allowed on one resource. */
  record Grant(String sid, String action, String resource) {}

  private static final Set<String> STATEMENT_KEYS =
      Set.of("Sid", "Effect", "Action", "Resource", "Condition");
  private static final Set<String> CONDITION_OPERATORS = Set.of("StringLike", "StringEquals");

  /** Fails with the reason when the document is not a well-formed policy. */
  static Policy of(JsonNode document) {
    assertThat(document.path("Version").asText()).isEqualTo("2012-10-17");
    assertThat(document.path("Statement").isArray()).as("Statement is an array").isTrue();
    assertThat(document.path("Statement").size()).isPositive();
    Set<String> sids = new HashSet<>();
    for (JsonNode statement : document.path("Statement")) {
      statement
          .fieldNames()
          .forEachRemaining(key -> assertThat(STATEMENT_KEYS).as("statement key").contains(key));
      String sid = statement.path("Sid").asText();
      assertThat(sid).as("Sid").matches("[A-Za-z0-9]+");
      assertThat(sids.add(sid)).as("Sid %s is unique", sid).isTrue();
      assertThat(statement.path("Effect").asText()).as("%s Effect", sid).isIn("Allow", "Deny");
      for (String action : oneOrMany(statement.get("Action"))) {
        assertThat(action).as("%s action", sid).matches("[a-z0-9-]+:[A-Za-z]+");
      }
      for (String resource : oneOrMany(statement.get("Resource"))) {
        // "*" only where the action has no resource type (TestDeployPolicies says which).
        assertThat(resource)
            .as("%s resource", sid)
            .matches("arn:aws:[a-z0-9-]+:.*|\\$\\{[A-Z_]+}|\\*");
      }
      statement
          .path("Condition")
          .fieldNames()
          .forEachRemaining(
              operator ->
                  assertThat(CONDITION_OPERATORS).as("%s condition", sid).contains(operator));
    }
    return new Policy(document);
  }

  /** Every allowed (action, resource) pair. */
  List<Grant> grants() {
    List<Grant> grants = new ArrayList<>();
    for (JsonNode statement : document.path("Statement")) {
      if (!statement.path("Effect").asText().equals("Allow")) {
        continue;
      }
      for (String action : oneOrMany(statement.get("Action"))) {
        for (String resource : oneOrMany(statement.get("Resource"))) {
          grants.add(new Grant(statement.path("Sid").asText(), action, resource));
        }
      }
    }
    return grants;
  }

  List<String> actions() {
    return grants().stream().map(Grant::action).distinct().toList();
  }

  List<String> resourcesFor(String action) {
    return grants().stream().filter(g -> g.action().equals(action)).map(Grant::resource).toList();
  }

  /**
   * Whether the policy allows {@code action} on {@code resource}, evaluated as IAM does for the
   * subset these files use: an explicit Deny wins, otherwise some Allow must match. Action and
   * resource patterns may use {@code *} and {@code ?}; conditions may test only {@code s3:prefix},
   * which a request has only when it lists ({@code s3Prefix} null otherwise, failing the test).
   */
  boolean allows(String action, String resource, String s3Prefix) {
    boolean allowed = false;
    for (JsonNode statement : document.path("Statement")) {
      if (matchesAny(oneOrMany(statement.get("Action")), action)
          && matchesAny(oneOrMany(statement.get("Resource")), resource)
          && conditionHolds(statement.path("Condition"), s3Prefix)) {
        if (statement.path("Effect").asText().equals("Deny")) {
          return false;
        }
        allowed = true;
      }
    }
    return allowed;
  }

  private static boolean conditionHolds(JsonNode condition, String s3Prefix) {
    for (var operators = condition.fields(); operators.hasNext(); ) {
      var operator = operators.next();
      for (var keys = operator.getValue().fields(); keys.hasNext(); ) {
        var key = keys.next();
        if (!key.getKey().equals("s3:prefix") || s3Prefix == null) {
          return false;
        }
        List<String> values =
            key.getValue().isArray()
                ? EntryPoint.strings(key.getValue())
                : List.of(key.getValue().asText());
        boolean like = operator.getKey().equals("StringLike");
        if (values.stream().noneMatch(v -> like ? glob(v, s3Prefix) : v.equals(s3Prefix))) {
          return false;
        }
      }
    }
    return true;
  }

  private static boolean matchesAny(List<String> patterns, String value) {
    return patterns.stream().anyMatch(p -> glob(p, value));
  }

  /** IAM wildcards: {@code *} any run of characters, {@code ?} one character. */
  static boolean glob(String pattern, String value) {
    StringBuilder regex = new StringBuilder();
    for (char c : pattern.toCharArray()) {
      switch (c) {
        case '*' -> regex.append(".*");
        case '?' -> regex.append('.');
        default -> regex.append(Pattern.quote(String.valueOf(c)));
      }
    }
    return value.matches(regex.toString());
  }

  JsonNode statement(String sid) {
    for (JsonNode statement : document.path("Statement")) {
      if (statement.path("Sid").asText().equals(sid)) {
        return statement;
      }
    }
    throw new AssertionError("no statement " + sid);
  }

  private static List<String> oneOrMany(JsonNode node) {
    assertThat(node).as("Action and Resource are required").isNotNull();
    return node.isArray() ? EntryPoint.strings(node) : List.of(node.asText());
  }
}
