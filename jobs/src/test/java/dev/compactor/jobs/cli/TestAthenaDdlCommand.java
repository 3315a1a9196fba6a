package dev.compactor.jobs.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code compactor ddl} on the production example configuration: flags, output and exit codes. */
class TestAthenaDdlCommand {

  private static final String CONFIG = Path.of("..", "conf", "aws.example.properties").toString();

  private final ByteArrayOutputStream out = new ByteArrayOutputStream();
  private final ByteArrayOutputStream err = new ByteArrayOutputStream();

  @Test
  void printsTheParquetAndTheAvroTable() {
    int code = run("ddl", "--config", CONFIG, "--event-type", "clicks", "--database", "analytics");

    assertThat(code).isZero();
    assertThat(out())
        .contains(
            "CREATE EXTERNAL TABLE IF NOT EXISTS `analytics`.`clicks` (\n  `event_id` string,\n")
        .contains("LOCATION 's3://acme-events-compacted/parquet/clicks/'")
        .contains("CREATE EXTERNAL TABLE IF NOT EXISTS `analytics`.`clicks_avro` (")
        .contains("LOCATION 's3://acme-events-compacted/avro/clicks/'");
    assertThat(err.toString(StandardCharsets.UTF_8)).isEmpty();
  }

  @Test
  void formatAndTableChooseWhichStatementAndItsName() {
    int code =
        run(
            "ddl",
            "--config",
            CONFIG,
            "--event-type",
            "clicks",
            "--format",
            "avro",
            "--table",
            "web");

    assertThat(code).isZero();
    assertThat(out()).contains("`web_avro` (").doesNotContain("STORED AS PARQUET");
  }

  @Test
  void localOutputRootIsPrintedWithAWarning() {
    int code =
        run(
            "ddl",
            "--config",
            CONFIG,
            "--event-type",
            "clicks",
            "--format",
            "parquet",
            "--set",
            "output.root=file:///tmp/compacted");

    assertThat(code).isZero();
    assertThat(out())
        .contains("-- output.root is not on S3: Athena reads only s3:// locations")
        .contains("LOCATION 'file:///tmp/compacted/parquet/clicks/'");
  }

  @Test
  void badFlagsExitWithUsageErrors() {
    assertThat(run("ddl", "--config", CONFIG, "--event-type", "clicks", "--format", "orc"))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("error: Invalid value for option '--format': expected one of [parquet, avro,");

    err.reset();
    assertThat(run("ddl", "--config", CONFIG, "--event-type", "clicks", "--table", "web.clicks"))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("error: the table gives the name 'web.clicks', which Athena does not accept");

    err.reset();
    assertThat(run("ddl", "--config", CONFIG, "--event-type", "clicks", "--since", "yesterday"))
        .isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains("'--since': expected a date like 2026-11-01, got 'yesterday'");
  }

  @Test
  void aReaderSchemaAthenaCannotDeclareIsAConfigError(@TempDir Path dir) throws IOException {
    Schema withDt =
        SchemaBuilder.record("Visit")
            .fields()
            .requiredString("event_id")
            .requiredString("dt")
            .endRecord();
    Files.writeString(dir.resolve("visits.avsc"), withDt.toString(true));
    Path config = dir.resolve("test.properties");
    Files.writeString(
        config,
        """
        input.root = s3a://raw/events
        output.root = s3a://compacted
        state.root = s3a://compacted/_state
        event-types = visits
        event-type.visits.schema = visits.avsc
        event-type.visits.buckets = 4
        """);

    assertThat(run("ddl", "--config", config.toString(), "--event-type", "visits")).isEqualTo(2);
    assertThat(err.toString(StandardCharsets.UTF_8))
        .contains(
            "error: event-type.visits.schema: the parquet table cannot be declared: field 'dt' of"
                + " Visit has the name of the partition column dt, and an Athena table cannot have"
                + " both; rename the field");
    assertThat(out()).isEmpty();
  }

  private int run(String... args) {
    PrintStream o = new PrintStream(out, true, StandardCharsets.UTF_8);
    PrintStream e = new PrintStream(err, true, StandardCharsets.UTF_8);
    return new Compactor(o, e).execute(args);
  }

  private String out() {
    return out.toString(StandardCharsets.UTF_8);
  }
}
