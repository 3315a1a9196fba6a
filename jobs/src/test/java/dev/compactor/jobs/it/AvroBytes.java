package dev.compactor.jobs.it;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;

/** Hand-made Avro container files, good and damaged, for planting next to generated input. */
final class AvroBytes {

  private AvroBytes() {}

  /** An uncompressed container file with small blocks, so there are many places to damage. */
  static byte[] write(Schema writer, List<GenericRecord> records) {
    return write(writer, records, CodecFactory.nullCodec());
  }

  static byte[] write(Schema writer, List<GenericRecord> records, CodecFactory codec) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DataFileWriter<GenericRecord> file =
        new DataFileWriter<>(new GenericDatumWriter<>(writer))) {
      file.setCodec(codec);
      file.setSyncInterval(256);
      file.create(writer, out);
      for (GenericRecord r : records) {
        file.append(r);
      }
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return out.toByteArray();
  }

  /** The schema a container file was written with, from its header. */
  static Schema writerSchema(byte[] file) {
    try (DataFileStream<GenericRecord> in =
        new DataFileStream<>(new ByteArrayInputStream(file), new GenericDatumReader<>())) {
      return in.getSchema();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The file cut in the middle, inside a block. */
  static byte[] truncated(byte[] file) {
    return Arrays.copyOf(file, file.length / 2 + 3);
  }

  /** The last block's sync marker damaged. */
  static byte[] badSync(byte[] file) {
    byte[] copy = file.clone();
    copy[copy.length - 1] ^= 0x5a;
    return copy;
  }

  /**
   * The records in a file whose header names a codec no Avro library has ("inflate": as long as
   * "deflate", so the framing holds).
   */
  static byte[] unknownCodec(Schema writer, List<GenericRecord> records) {
    byte[] copy = write(writer, records, CodecFactory.deflateCodec(1));
    byte[] needle = "avro.codec\u000edeflate".getBytes(StandardCharsets.ISO_8859_1);
    for (int i = 0; i + needle.length <= copy.length; i++) {
      if (Arrays.equals(copy, i, i + needle.length, needle, 0, needle.length)) {
        System.arraycopy(
            "inflate".getBytes(StandardCharsets.US_ASCII), 0, copy, i + needle.length - 7, 7);
        return copy;
      }
    }
    throw new IllegalArgumentException("no avro.codec=deflate entry in the header");
  }
}
