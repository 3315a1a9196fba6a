package dev.compactor.jobs.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.compactor.domain.Hour;
import dev.compactor.jobs.cli.Arguments;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;

/**
 * The compactor command line that a deploy file or script hands to the entry point, checked against
 * the CLI contract with the project's own parser ({@link Arguments#parse}), so a deploy file cannot
 * drift from what {@code Compactor} accepts.
 */
record EntryPoint(List<String> args) {

  /** Per command: the options it requires, then every option and switch it takes. */
  private record Contract(Set<String> required, Set<String> allowed) {}

  private static final Set<String> RUN_OPTIONS =
      Set.of("--config", "--event-type", "--at", "--window-hours", "--strict");
  private static final Map<String, Contract> CONTRACT =
      Map.of(
          "run", new Contract(Set.of("--config", "--event-type"), RUN_OPTIONS),
          "plan", new Contract(Set.of("--config", "--event-type"), RUN_OPTIONS),
          "backfill",
              new Contract(
                  Set.of("--config", "--event-type", "--from", "--to"),
                  Set.of(
                      "--config",
                      "--event-type",
                      "--from",
                      "--to",
                      "--force",
                      "--dry-run",
                      "--chunk-hours",
                      "--wait")),
          "verify",
              new Contract(
                  Set.of("--config", "--event-type", "--from", "--to"),
                  Set.of("--config", "--event-type", "--from", "--to")),
          "status",
              new Contract(Set.of("--config", "--event-type"), Set.of("--config", "--event-type")),
          "ddl",
              new Contract(Set.of("--config", "--event-type"), Set.of("--config", "--event-type")));

  /** A Batch container command; {@code Ref::name} is replaced by the parameter, as Batch does. */
  static EntryPoint ofBatchCommand(JsonNode command, Map<String, String> parameters) {
    List<String> args = new ArrayList<>();
    for (String arg : strings(command)) {
      if (arg.startsWith("Ref::")) {
        String name = arg.substring("Ref::".length());
        assertThat(parameters).as("Batch parameters for %s", arg).containsKey(name);
        arg = parameters.get(name);
      }
      args.add(arg);
    }
    return new EntryPoint(args);
  }

  /** The Spark step of an EMR add-steps list: spark-submit options, the jar, then our arguments. */
  static EntryPoint ofEmrSteps(JsonNode steps) {
    List<JsonNode> spark =
        StreamSupport.stream(steps.spliterator(), false)
            .filter(step -> step.path("Type").asText().equals("Spark"))
            .toList();
    assertThat(spark).as("Spark steps in %s", steps).hasSize(1);
    List<String> submit = strings(spark.get(0).get("Args"));
    assertThat(submit)
        .as("spark-submit arguments")
        .containsSubsequence("--class", DeployFiles.MAIN_CLASS);
    int jar = indexOfJar(submit);
    return new EntryPoint(submit.subList(jar + 1, submit.size()));
  }

  /**
   * The Spark step of an AddJobFlowSteps request in the API's shape: command-runner.jar running
   * spark-submit, then its options, the jar and our arguments.
   */
  static EntryPoint ofApiSteps(JsonNode steps) {
    List<List<String>> spark =
        StreamSupport.stream(steps.spliterator(), false)
            .map(step -> step.path("HadoopJarStep"))
            .filter(jar -> jar.path("Jar").asText().equals("command-runner.jar"))
            .map(jar -> strings(jar.get("Args")))
            .filter(args -> !args.isEmpty() && args.get(0).equals("spark-submit"))
            .toList();
    assertThat(spark).as("spark-submit steps in %s", steps).hasSize(1);
    List<String> submit = spark.get(0).subList(1, spark.get(0).size());
    assertThat(submit)
        .as("spark-submit arguments")
        .containsSubsequence("--class", DeployFiles.MAIN_CLASS);
    int jar = indexOfJar(submit);
    return new EntryPoint(submit.subList(jar + 1, submit.size()));
  }

  /** An EMR Serverless StartJobRun request. */
  static EntryPoint ofServerless(JsonNode request) {
    JsonNode submit = request.path("jobDriver").path("sparkSubmit");
    assertThat(submit.path("entryPoint").asText()).endsWith(".jar");
    assertThat(submit.path("sparkSubmitParameters").asText())
        .contains("--class " + DeployFiles.MAIN_CLASS);
    return new EntryPoint(strings(submit.get("entryPointArguments")));
  }

  /** Parses with the real parser and checks the command, its required options and hour values. */
  Arguments check() {
    Arguments parsed = Arguments.parse(args.toArray(String[]::new));
    Contract contract = CONTRACT.get(parsed.command());
    assertThat(contract).as("command '%s' in %s", parsed.command(), args).isNotNull();
    for (String option : contract.required()) {
      assertThat(parsed.option(option)).as("%s in %s", option, args).isPresent();
    }
    Set<String> allowed = new HashSet<>(contract.allowed());
    allowed.add("--help");
    parsed.rejectOthers(allowed);
    for (String hour : List.of("--at", "--from", "--to")) {
      parsed.option(hour).ifPresent(Hour::parse);
    }
    return parsed;
  }

  static List<String> strings(JsonNode array) {
    assertThat(array).as("JSON array").isNotNull();
    assertThat(array.isArray()).as("%s is an array", array).isTrue();
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }

  private static int indexOfJar(List<String> submit) {
    for (int i = 0; i < submit.size(); i++) {
      // Option values never end in .jar here; the first such word is spark-submit's application
      // jar.
      if (submit.get(i).endsWith(".jar") && (i == 0 || !submit.get(i - 1).equals("--jars"))) {
        return i;
      }
    }
    throw new AssertionError("no application jar in " + submit);
  }
}
