package dev.compactor.jobs.rewrite;

import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Iterator;
import org.apache.avro.Schema;
import org.apache.avro.file.CodecFactory;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;

/**
 * Local spill and run files: uncompressed Avro in the reader schema, written once, read in order.
 */
final class RunFiles {

  private RunFiles() {}

  static DataFileWriter<GenericRecord> openWriter(Schema schema, Path file) {
    try {
      DataFileWriter<GenericRecord> writer =
          new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(schema));
      // Local scratch: spend no CPU on compression.
      writer.setCodec(CodecFactory.nullCodec());
      return writer.create(schema, new BufferedOutputStream(Files.newOutputStream(file), 1 << 16));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create scratch file " + file, e);
    }
  }

  /** Streams a scratch file's records; the reader closes itself at the end. */
  static Iterable<GenericRecord> read(Schema schema, Path file) {
    return () -> {
      try {
        DataFileReader<GenericRecord> reader =
            new DataFileReader<>(file.toFile(), new GenericDatumReader<>(null, schema));
        return new Iterator<>() {
          @Override
          public boolean hasNext() {
            boolean more = reader.hasNext();
            if (!more) {
              closeQuietly(reader);
            }
            return more;
          }

          @Override
          public GenericRecord next() {
            return reader.next();
          }
        };
      } catch (IOException e) {
        throw new UncheckedIOException("cannot read scratch file " + file, e);
      }
    };
  }

  private static void closeQuietly(DataFileReader<GenericRecord> reader) {
    try {
      reader.close();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
