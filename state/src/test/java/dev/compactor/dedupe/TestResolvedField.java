package dev.compactor.dedupe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compactor.config.CompactorConfig;
import dev.compactor.config.ConfigLoader;
import dev.compactor.config.EventTypeConfig;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.ObjectInputStream;
import java.io.ObjectOutputStream;
import java.nio.file.Path;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class TestResolvedField {

  private static final Schema HEADER =
      SchemaBuilder.record("Header").fields().requiredString("id").requiredLong("seq").endRecord();

  private static final Schema READER =
      SchemaBuilder.record("Event")
          .fields()
          .requiredString("payload")
          .name("header")
          .type()
          .optional()
          .type(HEADER)
          .endRecord();

  /** The same fields in another order, as an output written before a schema change could have. */
  private static final Schema REORDERED =
      SchemaBuilder.record("Event")
          .fields()
          .name("header")
          .type()
          .optional()
          .type(
              SchemaBuilder.record("Header")
                  .fields()
                  .requiredLong("seq")
                  .requiredString("id")
                  .endRecord())
          .requiredString("payload")
          .endRecord();

  private final ResolvedField headerId =
      ResolvedField.resolve(FieldPath.parse("header.id"), READER).orElseThrow();

  @Test
  void readsNestedValuesOfReaderSchemaRecordsByPosition() {
    GenericRecord record = event(READER, "x", 7);

    assertThat(headerId.readsByPosition(record.getSchema())).isTrue();
    assertThat(headerId.valueOf(record)).isEqualTo("id-7");
    assertThat(headerId.schema().getType()).isEqualTo(Schema.Type.STRING);
  }

  @Test
  void readsRecordsOfAnyOtherSchemaByName() {
    GenericRecord reordered = event(REORDERED, "x", 7);

    assertThat(headerId.readsByPosition(reordered.getSchema())).isFalse();
    assertThat(headerId.valueOf(reordered)).isEqualTo("id-7");
  }

  @Test
  void aNullRecordOnThePathGivesNull() {
    GenericRecord record = new GenericData.Record(READER);
    record.put("payload", "x");

    assertThat(headerId.valueOf(record)).isNull();
  }

  @Test
  void aMissingFieldDoesNotResolve() {
    assertThat(ResolvedField.resolve(FieldPath.parse("header.missing"), READER)).isEmpty();
    assertThat(ResolvedField.resolve(FieldPath.parse("payload.id"), READER)).isEmpty();
  }

  /**
   * A Spark task receives the configuration by Java serialization and must still read by position.
   */
  @Test
  void aSerializedConfigurationKeepsItsFieldsBoundToItsSchema() throws Exception {
    CompactorConfig config = ConfigLoader.load(Path.of("..", "conf", "local.properties"), Map.of());
    EventTypeConfig copy = roundTrip(config.eventType("clicks"));

    assertThat(copy.eventId().readsByPosition(copy.schema())).isTrue();
    GenericRecord record = new GenericData.Record(copy.schema());
    record.put("event_id", "e-1");
    assertThat(copy.eventId().valueOf(record)).isEqualTo("e-1");
  }

  private static GenericRecord event(Schema schema, String payload, long seq) {
    Schema header = schema.getField("header").schema().getTypes().get(1);
    GenericRecord h = new GenericData.Record(header);
    h.put("id", "id-" + seq);
    h.put("seq", seq);
    GenericRecord record = new GenericData.Record(schema);
    record.put("payload", payload);
    record.put("header", h);
    return record;
  }

  @SuppressWarnings("unchecked")
  private static <T> T roundTrip(T value) throws IOException, ClassNotFoundException {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(value);
    }
    try (ObjectInputStream in =
        new ObjectInputStream(new ByteArrayInputStream(bytes.toByteArray()))) {
      return (T) in.readObject();
    }
  }
}
