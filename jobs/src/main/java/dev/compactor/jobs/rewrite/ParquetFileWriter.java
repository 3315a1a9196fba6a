package dev.compactor.jobs.rewrite;

import dev.compactor.config.ParquetCodec;
import java.io.IOException;
import java.nio.file.Path;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetWriter;
import org.apache.parquet.avro.AvroSchemaConverter;
import org.apache.parquet.avro.AvroWriteSupport;
import org.apache.parquet.hadoop.ParquetFileWriter.Mode;
import org.apache.parquet.hadoop.ParquetWriter;
import org.apache.parquet.hadoop.metadata.CompressionCodecName;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimestampLogicalTypeAnnotation;
import org.apache.parquet.schema.MessageType;

/**
 * Writes the Parquet copy of a partition for Athena and notebooks. Timestamps stay INT64 with their
 * logical type (parquet-avro never writes INT96, which Athena misreads before 1970); lists use the
 * standard three-level structure that Athena, Trino and Spark all read. The footer is made
 * canonical after closing ({@link CanonicalParquetFooter}), so the same rows give the same bytes in
 * any JVM.
 */
public final class ParquetFileWriter {

  private final Schema schema;
  private final CompressionCodecName codec;
  private final long rowGroupBytes;
  private final MicrosTimestamps micros;

  public ParquetFileWriter(Schema schema, ParquetCodec codec, long rowGroupBytes) {
    this(schema, codec, rowGroupBytes, false);
  }

  /**
   * @param microsTimestamps write millisecond timestamps as microseconds, as the Iceberg spec wants
   *     them in Parquet ({@link MicrosTimestamps}); for the files of an Iceberg table
   */
  public ParquetFileWriter(
      Schema schema, ParquetCodec codec, long rowGroupBytes, boolean microsTimestamps) {
    this.micros = microsTimestamps ? MicrosTimestamps.of(schema) : null;
    this.schema = micros == null ? schema : micros.schema();
    this.codec =
        switch (codec) {
          case UNCOMPRESSED -> CompressionCodecName.UNCOMPRESSED;
          case SNAPPY -> CompressionCodecName.SNAPPY;
          case GZIP -> CompressionCodecName.GZIP;
          case ZSTD -> CompressionCodecName.ZSTD;
        };
    this.rowGroupBytes = rowGroupBytes;
  }

  public void write(Iterable<GenericRecord> records, Path file) throws IOException {
    Configuration conf = new Configuration(false);
    // Standard 3-level lists; the legacy 2-level form is misread by Athena for nullable elements.
    conf.setBoolean(AvroWriteSupport.WRITE_OLD_LIST_STRUCTURE, false);
    try (ParquetWriter<GenericRecord> writer =
        AvroParquetWriter.<GenericRecord>builder(new LocalParquetOutput(file))
            .withSchema(schema)
            .withConf(conf)
            .withCompressionCodec(codec)
            .withRowGroupSize(rowGroupBytes)
            .withWriteMode(Mode.OVERWRITE)
            .build()) {
      for (GenericRecord record : records) {
        writer.write(micros == null ? record : micros.convert(record));
      }
    }
    CanonicalParquetFooter.rewrite(file);
  }

  /**
   * Whether the parquet-avro on the classpath writes Avro's {@code local-timestamp-millis/micros}
   * as annotated timestamps (Parquet 1.14 on) or as plain INT64 (1.13, the Spark 3.5 build). The
   * Athena DDL declares those columns by it.
   */
  public static boolean annotatesLocalTimestamps() {
    Schema probe =
        SchemaBuilder.record("Probe")
            .fields()
            .name("t")
            .type(LogicalTypes.localTimestampMillis().addToSchema(Schema.create(Schema.Type.LONG)))
            .noDefault()
            .endRecord();
    MessageType converted = new AvroSchemaConverter(new Configuration(false)).convert(probe);
    return converted.getType("t").getLogicalTypeAnnotation()
        instanceof TimestampLogicalTypeAnnotation;
  }
}
