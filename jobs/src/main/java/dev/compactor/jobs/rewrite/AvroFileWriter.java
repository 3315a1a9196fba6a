package dev.compactor.jobs.rewrite;

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
 * Writes the merged Avro object container file with the reader schema itself (not a schema derived by
 * Spark, which would rename records and turn timestamp-millis into micros).
 *
 * <p>Avro normally picks a random 16-byte sync marker per file; here it is derived from the partition
 * fingerprint, so the same inputs always give the same bytes and the same ETag.
 */
public final class AvroFileWriter {

  private final Schema schema;
  private final String codec;

  public AvroFileWriter(Schema schema, String codec) {
    this.schema = schema;
    this.codec = codec;
  }

  public void write(Iterable<GenericRecord> records, Path file, byte[] syncMarker) throws IOException {
    try (OutputStream out = new BufferedOutputStream(Files.newOutputStream(file), 1 << 16);
        DataFileWriter<GenericRecord> writer = new DataFileWriter<>(new GenericDatumWriter<>(schema))) {
      writer.setCodec(CodecFactory.fromString(codec));
      writer.create(schema, out, syncMarker);
      for (GenericRecord record : records) {
        writer.append(record);
      }
    }
  }
}
