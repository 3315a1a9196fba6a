package dev.compactor.jobs.cli;

import dev.compactor.config.CompactorConfig;
import dev.compactor.config.ConfigException;
import dev.compactor.config.EventTypeConfig;
import dev.compactor.ddl.AthenaDdl;
import dev.compactor.ddl.TableFormat;
import dev.compactor.jobs.rewrite.ParquetFileWriter;
import dev.compactor.jobs.run.ExitCode;
import java.io.PrintStream;
import java.time.LocalDate;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import org.apache.avro.Schema;

/**
 * {@code compactor ddl}: prints the Athena {@code CREATE EXTERNAL TABLE} statements for an event
 * type's outputs to stdout, ready to paste into the Athena console or to pipe into the AWS CLI.
 * Reads only the configuration: no S3 request, no Spark.
 */
final class DdlCommand {

  private static final Set<String> OPTIONS =
      Set.of("--config", "--event-type", "--database", "--table", "--format", "--since");

  private final PrintStream out;

  DdlCommand(PrintStream out) {
    this.out = out;
  }

  int execute(Arguments args, CompactorConfig config) {
    args.rejectOthers(OPTIONS);
    EventTypeConfig eventType = config.eventType(args.required("--event-type"));
    List<TableFormat> formats = formats(args.option("--format").orElse("both"));
    AthenaDdl ddl;
    try {
      Schema readerSchema = eventType.schema();
      AthenaDdl.Builder builder =
          AthenaDdl.builder(eventType.layout(), readerSchema, config.outputRoot())
              .parquetLocalTimestampsAnnotated(ParquetFileWriter.annotatesLocalTimestamps());
      args.option("--database").ifPresent(builder::database);
      args.option("--table").ifPresent(builder::table);
      args.option("--since").map(DdlCommand::date).ifPresent(builder::since);
      ddl = builder.build();
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
    List<String> statements = new ArrayList<>();
    for (TableFormat format : formats) {
      try {
        statements.add(ddl.statement(format));
      } catch (IllegalArgumentException e) {
        // The reader schema decides the columns, so a schema Athena cannot declare is a config
        // problem.
        throw new ConfigException(
            "event-type."
                + eventType.name()
                + ".schema: the "
                + format.name().toLowerCase(Locale.ROOT)
                + " table cannot be declared: "
                + e.getMessage());
      }
    }
    out.print(String.join("\n", statements));
    return ExitCode.DONE.code();
  }

  private static List<TableFormat> formats(String text) {
    return switch (text) {
      case "parquet" -> List.of(TableFormat.PARQUET);
      case "avro" -> List.of(TableFormat.AVRO);
      case "both" -> List.of(TableFormat.PARQUET, TableFormat.AVRO);
      default ->
          throw new UsageException("--format expects parquet, avro or both, got '" + text + "'");
    };
  }

  private static LocalDate date(String text) {
    try {
      return LocalDate.parse(text);
    } catch (DateTimeParseException e) {
      throw new UsageException("--since expects a date like 2026-11-01, got '" + text + "'");
    }
  }
}
