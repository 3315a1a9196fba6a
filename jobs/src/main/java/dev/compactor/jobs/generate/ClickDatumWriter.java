package dev.compactor.jobs.generate;

import java.io.IOException;
import org.apache.avro.Schema;
import org.apache.avro.io.DatumWriter;
import org.apache.avro.io.Encoder;

/**
 * Encodes a {@link Delivery} straight into a writer schema's binary form. Generic records are
 * skipped on purpose: the benchmark generates millions of events and this avoids one record object
 * and a field lookup per value. The field order here must match {@code sample/clicks-v1.avsc} and
 * {@code clicks-v2.avsc}; the tests read the files back with the reader schema to prove it.
 */
final class ClickDatumWriter implements DatumWriter<Delivery> {

  private final ClickSchema version;

  ClickDatumWriter(ClickSchema version) {
    this.version = version;
  }

  /** Accepts only the schema of its own version: anything else would be written wrongly. */
  @Override
  public void setSchema(Schema schema) {
    if (!schema.equals(version.schema())) {
      throw new IllegalArgumentException(
          "This writer encodes " + version.resource() + " only, not " + schema.getFullName());
    }
  }

  @Override
  public void write(Delivery delivery, Encoder out) throws IOException {
    SampleEvent event = delivery.event();
    out.writeString(event.eventId());
    out.writeLong(event.eventTime());
    out.writeLong(delivery.receivedAt());
    out.writeString(event.userId());
    out.writeString(event.page());
    if (version == ClickSchema.V1) {
      out.writeInt(event.durationMs());
      out.writeEnum(event.device());
      return;
    }
    out.writeLong(event.durationMs());
    out.writeEnum(event.device());
    // Union ["null", "string"]: branch 0 is null, branch 1 a string.
    if (event.referrer() == null) {
      out.writeIndex(0);
      out.writeNull();
    } else {
      out.writeIndex(1);
      out.writeString(event.referrer());
    }
  }
}
