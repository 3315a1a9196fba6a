package dev.compactor.jobs.verify;

import dev.compactor.config.EventTypeConfig;
import dev.compactor.dedupe.NullIdPolicy;
import dev.compactor.domain.InputFile;
import dev.compactor.jobs.rewrite.InputDecoder;
import dev.compactor.store.ObjectStore;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.hadoop.util.HadoopInputFile;

/**
 * Checks one partition by reading its inputs and outputs, trusting nothing recorded: distinct input
 * event IDs equal output rows, no ID twice in either output, and the Avro and Parquet hold the same
 * IDs.
 */
public final class PartitionVerifier {

  private final EventTypeConfig config;
  private final Schema schema;
  private final ObjectStore inputs;
  private final ObjectStore outputs;

  public PartitionVerifier(EventTypeConfig config, ObjectStore inputs, ObjectStore outputs) {
    this.config = config;
    this.schema = config.schema();
    this.inputs = inputs;
    this.outputs = outputs;
  }

  public List<Problem> verify(PartitionCheck check) {
    List<Problem> problems = new ArrayList<>();
    // Expired inputs cannot be read: their rows are counted as the manifest recorded them.
    long expectedRows =
        check.recordedRows() >= 0 ? check.recordedRows() : expectedRows(check.inputs());
    if (check.avroKey() == null || check.parquetKey() == null) {
      if (!check.inputs().isEmpty()) {
        problems.add(
            new Problem(
                check.partition(),
                Problem.Kind.OUTPUT_MISSING,
                (check.avroKey() == null ? "avro" : "parquet") + " output is missing",
                ""));
      }
      return problems;
    }
    List<String> avroIds;
    List<String> parquetIds;
    try {
      avroIds = avroIds(outputs.readAll(check.avroKey()));
      parquetIds = parquetIds(outputs.readAll(check.parquetKey()));
    } catch (RuntimeException | IOException e) {
      problems.add(
          new Problem(check.partition(), Problem.Kind.UNREADABLE_OUTPUT, e.toString(), ""));
      return problems;
    }
    duplicates(avroIds)
        .ifPresent(
            d ->
                problems.add(
                    new Problem(check.partition(), Problem.Kind.DUPLICATE_IDS, "avro: " + d, "")));
    duplicates(parquetIds)
        .ifPresent(
            d ->
                problems.add(
                    new Problem(
                        check.partition(), Problem.Kind.DUPLICATE_IDS, "parquet: " + d, "")));
    if (avroIds.size() != expectedRows) {
      problems.add(
          new Problem(
              check.partition(),
              Problem.Kind.ROW_COUNT,
              "avro has "
                  + avroIds.size()
                  + " rows, "
                  + (check.recordedRows() >= 0 ? "the manifest recorded " : "inputs have ")
                  + expectedRows
                  + " distinct event IDs",
              ""));
    }
    if (!new HashSet<>(avroIds).equals(new HashSet<>(parquetIds))
        || avroIds.size() != parquetIds.size()) {
      problems.add(
          new Problem(
              check.partition(),
              Problem.Kind.FORMATS_DISAGREE,
              "avro " + avroIds.size() + " rows, parquet " + parquetIds.size() + " rows",
              ""));
    }
    return problems;
  }

  /** Distinct IDs in the readable inputs, plus kept records without an ID. */
  private long expectedRows(List<InputFile> files) {
    InputDecoder decoder = new InputDecoder(schema, config.eventId());
    Set<String> ids = new HashSet<>();
    long withoutId = 0;
    for (InputFile file : files) {
      InputDecoder.Decoded decoded =
          decoder.decode(file, inputs.uri(file.key()), inputs.readAll(file.key()));
      if (decoded instanceof InputDecoder.Records good) {
        for (GenericRecord record : good.records()) {
          Object id = config.eventId().valueOf(record);
          if (id != null) {
            ids.add(OutputIds.text(id));
          } else if (config.nullId() == NullIdPolicy.KEEP) {
            withoutId++;
          }
        }
      }
    }
    return ids.size() + withoutId;
  }

  private List<String> avroIds(byte[] bytes) throws IOException {
    return OutputIds.avro(bytes, schema, config.eventId());
  }

  private List<String> parquetIds(byte[] bytes) throws IOException {
    Path file = Files.createTempFile("verify-", ".parquet");
    try {
      Files.write(file, bytes);
      List<String> ids = new ArrayList<>();
      // Hadoop's local input file, not Parquet's LocalInputFile, which Parquet 1.13 (Spark 3.5)
      // lacks.
      Configuration conf = new Configuration();
      try (ParquetReader<GenericRecord> reader =
          AvroParquetReader.<GenericRecord>builder(
                  HadoopInputFile.fromPath(new org.apache.hadoop.fs.Path(file.toUri()), conf))
              .withConf(conf)
              .build()) {
        for (GenericRecord r = reader.read(); r != null; r = reader.read()) {
          ids.add(OutputIds.text(config.eventId().valueOf(r)));
        }
      }
      return ids;
    } finally {
      try {
        Files.deleteIfExists(file);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }
  }

  private static Optional<String> duplicates(List<String> ids) {
    Set<String> seen = new HashSet<>();
    List<String> dups = new ArrayList<>();
    for (String id : ids) {
      if (!seen.add(id) && dups.size() < 3) {
        dups.add(id);
      }
    }
    return dups.isEmpty() ? Optional.empty() : Optional.of("duplicated IDs e.g. " + dups);
  }
}
