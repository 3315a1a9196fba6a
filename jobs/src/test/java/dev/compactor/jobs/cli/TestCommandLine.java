package dev.compactor.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compactor.jobs.BuildInfo;
import dev.compactor.jobs.run.ExitCode;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The command line a person types: help, version, and the exit code and message of every kind of
 * mistake. Nothing here reaches S3 or Spark; parsing fails before the configuration is used.
 */
class TestCommandLine {

  private static final String CONFIG = Path.of("..", "conf", "aws.example.properties").toString();

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void helpListsEveryCommandAndEveryExitCode() {
    assertThat(run("--help")).isZero();

    assertThat(out())
        .contains("Usage: compactor [-hV] COMMAND")
        .contains("run ", "plan ", "backfill ", "verify ", "status ", "maintain ", "ddl ")
        .contains("generate ");
    for (ExitCode code : ExitCode.values()) {
      String start = code.meaning().substring(0, Math.min(20, code.meaning().length()));
      assertThat(out()).contains(code.code() + "   " + start);
    }
    assertThat(err()).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(
      strings = {"run", "plan", "backfill", "verify", "status", "maintain", "ddl", "generate"})
  void eachCommandHasItsOwnHelp(String command) {
    assertThat(run(command, "--help")).isZero();

    assertThat(out()).startsWith("Usage: compactor " + command + " ").contains("--config=FILE");
    assertThat(out()).as("not the global command list").doesNotContain("Commands:");
  }

  @Test
  void theHelpOfACommandListsEveryOptionItTakes() {
    assertThat(run("status", "--help")).isZero();
    assertThat(out()).contains("--lookback-hours=N", "--json", "--at=HOUR", "--event-type=TYPE");

    assertThat(run("backfill", "--help")).isZero();
    assertThat(out())
        .contains("--from=HOUR", "--to=HOUR", "--chunk-hours=N", "--delete-emptied")
        .contains("--delete-orphans", "--force", "--dry-run", "--wait", "--max-bytes=SIZE");

    assertThat(run("maintain", "--help")).isZero();
    assertThat(out())
        .contains("--config=FILE", "--event-type=TYPE", "--dry-run", "--wait")
        .contains("iceberg.snapshot-retention-hours");
  }

  @Test
  void maintainOfAHiveStyleEventTypeIsAUsageErrorNamingTheSetting() {
    assertThat(run("maintain", "--config", CONFIG, "--event-type", "clicks")).isEqualTo(2);

    assertThat(err())
        .contains("error: event type clicks publishes Parquet as Hive-style folders")
        .contains("Set event-type.clicks.parquet-table=iceberg to publish it as one.")
        .contains("Run 'compactor maintain --help'");
  }

  @Test
  void versionNamesTheBuildAndTheLibrariesOnTheClasspath() {
    assertThat(run("--version")).isZero();

    BuildInfo build = BuildInfo.current();
    assertThat(build.version()).isNotEqualTo("unknown").doesNotContain("${");
    assertThat(build.commit()).doesNotContain("${");
    assertThat(out()).startsWith("compactor " + build.version() + " (" + build.commit() + ")\n");
    assertThat(out())
        .contains("Spark    " + org.apache.spark.package$.MODULE$.SPARK_VERSION())
        .contains(
            "Avro     " + org.apache.avro.Schema.class.getPackage().getImplementationVersion())
        .contains("Parquet  " + org.apache.parquet.Version.VERSION_NUMBER)
        .contains("AWS SDK  " + software.amazon.awssdk.core.util.VersionInfo.SDK_VERSION)
        .doesNotContain("unknown");
  }

  @Test
  void noCommandIsAUsageError() {
    assertThat(run()).isEqualTo(2);

    assertThat(err()).contains("error: missing command; expected one of run, plan, backfill");
    assertThat(out()).isEmpty();
  }

  @Test
  void anUnknownCommandIsAUsageError() {
    assertThat(run("compact", "--config", CONFIG)).isEqualTo(2);

    assertThat(err()).contains("error: unknown command 'compact'; expected one of run, plan,");
  }

  @Test
  void aMisspeltOptionIsNamedWithASuggestion() {
    assertThat(run("plan", "--config", CONFIG, "--event-typ", "clicks")).isEqualTo(2);

    assertThat(err())
        .contains("error: Unknown options: '--event-typ', 'clicks'")
        .contains("Possible solutions: --event-type")
        .contains("Run 'compactor plan --help'");
  }

  @Test
  void anOptionAnotherCommandTakesIsRefused() {
    assertThat(run("verify", "--config", CONFIG, "--event-type", "clicks", "--force")).isEqualTo(2);

    assertThat(err()).contains("Unknown option: '--force'");
  }

  @Test
  void badValuesNameTheOptionAndTheExpectedForm() {
    assertThat(run("plan", "--config", CONFIG, "--event-type", "clicks", "--at", "yesterday"))
        .isEqualTo(2);
    assertThat(err())
        .contains("Invalid value for option '--at': 'yesterday' is not an hour like 2026-11-23T17");

    assertThat(run("plan", "--config", CONFIG, "--event-type", "clicks", "--max-bytes", "lots"))
        .isEqualTo(2);
    assertThat(err()).contains("'--max-bytes': expected a size like 500MB or 10GB, got 'lots'");

    assertThat(run("plan", "--config", CONFIG, "--event-type", "clicks", "--window-hours", "0"))
        .isEqualTo(2);
    assertThat(err()).contains("'--window-hours': expected a positive number, got 0");

    assertThat(run("ddl", "--config", CONFIG, "--event-type", "clicks", "--format", "orc"))
        .isEqualTo(2);
    assertThat(err())
        .contains(
            "'--format': expected one of [parquet, avro, both] (case-sensitive) but was 'orc'");
  }

  @Test
  void aRangeThatEndsBeforeItStartsIsAUsageError() {
    int code =
        run(
            "verify",
            "--config",
            CONFIG,
            "--event-type",
            "clicks",
            "--from",
            "2026-11-23T10",
            "--to",
            "2026-11-23T09");

    assertThat(code).isEqualTo(2);
    assertThat(err()).contains("error: --to 2026-11-23T09 is before --from 2026-11-23T10");
  }

  @Test
  void aBadRunCommandLineStillPrintsItsMetricsLine() {
    assertThat(run("run", "--config", CONFIG, "--event-type", "clicks", "--at", "x")).isEqualTo(2);

    assertThat(out()).startsWith("{\"_aws\"").contains("\"Status\":\"usage-error\"");
    assertThat(out()).contains("\"EventType\":\"clicks\"", "\"ExitCode\":2");
  }

  @Test
  void theRealEntryPointExitsWithTheseCodes() throws Exception {
    assertThat(mainInAJvmOfItsOwn("--version")).isZero();
    assertThat(mainInAJvmOfItsOwn("run", "--help")).isZero();
    assertThat(mainInAJvmOfItsOwn("run", "--bogus")).isEqualTo(2);
  }

  private int run(String... args) {
    out.reset();
    err.reset();
    return new Compactor(
            new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8))
        .execute(args);
  }

  /** {@code main}, so the exit code is the one {@code System.exit} hands a scheduler. */
  private static int mainInAJvmOfItsOwn(String... args) throws IOException, InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.addAll(List.of("-cp", System.getProperty("java.class.path")));
    command.add(Compactor.class.getName());
    command.addAll(List.of(args));
    Process process =
        new ProcessBuilder(command)
            .redirectErrorStream(true)
            .redirectOutput(ProcessBuilder.Redirect.DISCARD)
            .start();
    assertThat(process.waitFor(2, TimeUnit.MINUTES)).as("%s exits", command).isTrue();
    return process.exitValue();
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }

  private String err() {
    return err.toString(StandardCharsets.UTF_8);
  }
}
