package dev.compactor.jobs.verify;

import dev.compactor.dedupe.EventIdKey;
import dev.compactor.dedupe.ResolvedField;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileReader;
import org.apache.avro.file.SeekableByteArrayInput;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;

/** The event IDs of an Avro output, in their one normalized printable form ({@link EventIdKey}). */
final class OutputIds {

  private OutputIds() {}

  static List<String> avro(byte[] bytes, Schema schema, ResolvedField eventId) throws IOException {
    List<String> ids = new ArrayList<>();
    try (DataFileReader<GenericRecord> reader =
        new DataFileReader<>(
            new SeekableByteArrayInput(bytes), new GenericDatumReader<>(null, schema))) {
      reader.forEach(r -> ids.add(text(eventId.valueOf(r))));
    }
    return ids;
  }

  static String text(Object id) {
    return EventIdKey.text(EventIdKey.of(id));
  }
}
