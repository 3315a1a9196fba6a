package dev.compactor.jobs.rewrite;

import dev.compactor.config.AvroCodec;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;

/**
 * Writes the merged Avro object container file with the reader schema itself (not a schema derived
 * by Spark, which would rename records and turn timestamp-millis into micros).
 *
 * <p>Avro normally picks a random 16-byte sync marker per file; here the caller passes one derived
 * from the settings and the partition, so the same records always give the same bytes and ETag.
 */
public final class AvroFileWriter {

  private final Schema schema;
  private final CodecFactory codec;

  public AvroFileWriter(Schema schema, AvroCodec codec) {
    this.schema = schema;
    this.codec = factory(codec);
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

  /** Writes {@code records}, in order, under {@code syncMarker} (16 bytes). */
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
