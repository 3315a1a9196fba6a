package dev.compactor.jobs.cli;

import dev.compactor.config.CompactorConfig;
import dev.compactor.config.ConfigException;
import dev.compactor.config.EventTypeConfig;
import dev.compactor.ddl.AthenaDdl;
import dev.compactor.ddl.TableFormat;
import dev.compactor.jobs.rewrite.ParquetFileWriter;
import dev.compactor.jobs.run.ExitCode;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code compactor ddl}: prints the Athena {@code CREATE EXTERNAL TABLE} statements for an event
 * type's outputs to stdout, ready to paste into the Athena console or to pipe into the AWS CLI.
 * Reads only the configuration: no S3 request, no Spark.
 */
@Command(
    name = "ddl",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "Prints the Athena CREATE EXTERNAL TABLE statements for the outputs, with partition"
          + " projection, so no crawler or MSCK REPAIR is needed. Reads only the configuration.",
      ""
    })
final class DdlCommand implements Callable<Integer> {

  /** Which tables {@code --format} asks for; constants are named as they are typed. */
  enum Formats {
    parquet(TableFormat.PARQUET),
    avro(TableFormat.AVRO),
    both(TableFormat.PARQUET, TableFormat.AVRO);

    private final List<TableFormat> formats;

    Formats(TableFormat... formats) {
      this.formats = List.of(formats);
    }
  }

  private final Session session;

  @Mixin private ConfigOptions configOptions;
  @Mixin private EventTypeOption eventType;

  @Option(
      names = "--database",
      paramLabel = "NAME",
      description = "Database of the tables (default: the query's current database).")
  private String database;

  @Option(
      names = "--table",
      paramLabel = "NAME",
      description = "Table name (default: the event type).")
  private String table;

  @Option(
      names = "--format",
      paramLabel = "FORMAT",
      description = "Tables to declare: ${COMPLETION-CANDIDATES} (default: ${DEFAULT-VALUE}).")
  private Formats formats = Formats.both;

  @Option(
      names = "--since",
      paramLabel = "DATE",
      converter = OptionTypes.Day.class,
      description = "First date the partition projection covers (default: 2020-01-01).")
  private LocalDate since;

  DdlCommand(Session session) {
    this.session = session;
  }

  @Override
  public Integer call() {
    CompactorConfig loaded = session.load(configOptions);
    EventTypeConfig config = loaded.eventType(eventType.name);
    AthenaDdl ddl;
    try {
      AthenaDdl.Builder builder =
          AthenaDdl.builder(config.layout(), config.schema(), loaded.outputRoot())
              .parquetLocalTimestampsAnnotated(ParquetFileWriter.annotatesLocalTimestamps());
      Optional.ofNullable(database).ifPresent(builder::database);
      Optional.ofNullable(table).ifPresent(builder::table);
      Optional.ofNullable(since).ifPresent(builder::since);
      ddl = builder.build();
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    List<String> statements = new ArrayList<>();
    for (TableFormat format : formats.formats) {
      try {
        statements.add(ddl.statement(format));
      } catch (IllegalArgumentException e) {
        // The reader schema decides the columns, so a schema Athena cannot declare is a config
        // problem.
        throw new ConfigException(
            "event-type."
                + config.name()
                + ".schema: the "
                + format.name().toLowerCase(Locale.ROOT)
                + " table cannot be declared: "
                + e.getMessage());
      }
    }
    session.out.print(String.join("\n", statements));
    return ExitCode.DONE.code();
  }
}
