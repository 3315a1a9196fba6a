package dev.compactor.jobs.generate;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import org.apache.avro.Schema;
import org.apache.avro.SchemaCompatibility;
import org.apache.avro.SchemaCompatibility.SchemaPairCompatibility;

/**
 * The writer schemas of the sample clicks, shipped as {@code sample/clicks-v1.avsc} and {@code
 * sample/clicks-v2.avsc}. Both resolve to the reader schema in {@code conf/schemas/clicks.avsc}: v1
 * lacks {@code referrer} (the reader's default, null, fills it) and writes {@code duration_ms} as
 * an int (promoted to long); v2 is the reader schema itself.
 */
public enum ClickSchema {
  /** The older producers: no {@code referrer}, {@code duration_ms} as an int. */
  V1("sample/clicks-v1.avsc"),
  /** The current producers: the reader schema itself. */
  V2("sample/clicks-v2.avsc");

  private final String resource;
  private final Schema schema;

  ClickSchema(String resource) {
    this.resource = resource;
    this.schema = load(resource);
  }

  /** The parsed writer schema. */
  public Schema schema() {
    return schema;
  }

  /** The classpath resource it was parsed from, for messages. */
  public String resource() {
    return resource;
  }

  /**
   * Checks that every writer schema resolves to {@code reader}, so a generator run against an event
   * type whose reader schema cannot read clicks fails before writing anything.
   *
   * @throws IllegalArgumentException naming the writer schema and the incompatibility
   */
  public static void requireReadableAs(Schema reader) {
    for (ClickSchema version : values()) {
      SchemaPairCompatibility result =
          SchemaCompatibility.checkReaderWriterCompatibility(reader, version.schema);
      if (result.getType() != SchemaCompatibility.SchemaCompatibilityType.COMPATIBLE) {
        throw new IllegalArgumentException(
            "The reader schema "
                + reader.getFullName()
                + " cannot read the sample writer schema "
                + version.resource
                + ": "
                + result.getDescription()
                + ". Generate sample data only for event types whose reader schema is a clicks"
                + " schema.");
      }
    }
  }

  private static Schema load(String resource) {
    try (InputStream in = ClickSchema.class.getClassLoader().getResourceAsStream(resource)) {
      if (in == null) {
        throw new IllegalStateException(
            resource + " is missing from the classpath; the jar is incomplete");
      }
      return new Schema.Parser().parse(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + resource, e);
    }
  }
}
