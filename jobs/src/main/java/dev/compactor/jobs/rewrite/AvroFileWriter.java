package dev.compactor.jobs.rewrite;

import dev.compactor.config.AvroCodec;
import java.io.BufferedOutputStream;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileConstants;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;

/**
 * Writes the merged Avro object container file with the reader schema itself (not a schema derived
 * by Spark, which would rename records and turn timestamp-millis into micros).
 *
 * <p>Avro normally picks a random 16-byte sync marker per file; here it is derived from the
 * partition fingerprint, so the same inputs always give the same bytes and the same ETag.
 */
public final class AvroFileWriter {

  private final Schema schema;
  private final CodecFactory codec;
  private final String codecName;

  public AvroFileWriter(Schema schema, AvroCodec codec) {
    this.schema = schema;
    this.codec = factory(codec);
    this.codecName = codec.toString(); // the configuration names are Avro's
  }

  /** The codecs as Avro registers them under their names, so the bytes match any Avro writer's. */
  private static CodecFactory factory(AvroCodec codec) {
    return switch (codec) {
      case NULL -> CodecFactory.nullCodec();
      case DEFLATE -> CodecFactory.deflateCodec(CodecFactory.DEFAULT_DEFLATE_LEVEL);
      case SNAPPY -> CodecFactory.snappyCodec();
      case ZSTANDARD -> CodecFactory.zstandardCodec(CodecFactory.DEFAULT_ZSTANDARD_LEVEL, false);
    };
  }

  /**
   * Writes the records of {@code previous}, a file this writer wrote with the same schema and
   * codec, under another sync marker. Its blocks are copied, not decoded: the writer cuts blocks by
   * their encoded size alone, so these are the bytes {@link #write} gives for the same records.
   *
   * @throws IllegalArgumentException when {@code previous} has another schema or codec
   */
  public void reframe(byte[] previous, Path file, byte[] syncMarker) throws IOException {
    try (DataFileStream<GenericRecord> blocks =
            new DataFileStream<>(new ByteArrayInputStream(previous), new GenericDatumReader<>());
        OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        DataFileWriter<GenericRecord> writer =
            new DataFileWriter<>(new GenericDatumWriter<>(schema))) {
      String previousCodec = blocks.getMetaString(DataFileConstants.CODEC);
      if (!blocks.getSchema().equals(schema)
          || !codecName.equals(previousCodec == null ? "null" : previousCodec)) {
        throw new IllegalArgumentException(
            "the previous output was written with another schema or codec (" + previousCodec + ")");
      }
      writer.setCodec(codec);
      writer.create(schema, out, syncMarker);
      writer.appendAllFrom(blocks, false);
    }
  }

  public void write(Iterable<GenericRecord> records, Path file, byte[] syncMarker)
      throws IOException {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        DataFileWriter<GenericRecord> writer =
            new DataFileWriter<>(new GenericDatumWriter<>(schema))) {
      writer.setCodec(codec);
      writer.create(schema, out, syncMarker);
      for (GenericRecord record : records) {
        writer.append(record);
      }
    }
  }
}
