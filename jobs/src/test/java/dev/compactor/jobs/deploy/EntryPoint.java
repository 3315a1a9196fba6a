package dev.compactor.jobs.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.compactor.jobs.cli.Compactor;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.StreamSupport;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.ParseResult;

/**
 * The compactor command line that a deploy file or script hands to the entry point, parsed by the
 * entry point's own parser ({@link Compactor#parser()}), so a deploy file cannot drift from what
 * the CLI accepts: an unknown command or option, a missing required option or a bad hour fails here
 * as it would on the cluster.
 */
record EntryPoint(List<String> args) {

  /** The commands a deploy file may run: scheduled work and its read-only companions. */
  private static final Set<String> COMMANDS =
      Set.of("run", "plan", "backfill", "verify", "status", "ddl");

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

  /** Parses with the real parser; fails the test on anything the entry point would refuse. */
  ParsedCommand check() {
    ParseResult parsed;
    try {
      parsed = Compactor.parser().parseArgs(args.toArray(String[]::new));
    } catch (ParameterException e) {
      throw new AssertionError("the entry point refuses " + args + ": " + e.getMessage(), e);
    }
    assertThat(parsed.hasSubcommand()).as("a command in %s", args).isTrue();
    ParseResult command = parsed.subcommand();
    assertThat(COMMANDS).as("command in %s", args).contains(command.commandSpec().name());
    return ParsedCommand.of(command);
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
