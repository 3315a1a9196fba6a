package dev.compactor.manifest;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonSerializer;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.SerializerProvider;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.compactor.domain.Hour;
import java.io.IOException;

/**
 * JSON for manifests and run reports. Output is stable (fields in declaration order,
 * pretty-printed) so the same state always serializes to the same bytes. Unknown fields fail
 * reading: a manifest from a newer version must not be half-understood.
 */
public final class ManifestCodec {

  private static final ObjectMapper MAPPER = newMapper();

  private ManifestCodec() {}

  /** The shared mapper, with {@link Hour} written as {@code 2026-11-23T17}. */
  public static ObjectMapper mapper() {
    return MAPPER;
  }

  public static byte[] encode(HourManifest manifest) {
    return write(manifest);
  }

  /**
   * @throws IllegalStateException naming {@code source} when the bytes are not a manifest this
   *     version understands
   */
  public static HourManifest decode(byte[] json, String source) {
    try {
      HourManifest manifest = MAPPER.readValue(json, HourManifest.class);
      if (manifest.format() != HourManifest.FORMAT) {
        throw new IllegalStateException(
            source
                + " has manifest format "
                + manifest.format()
                + "; this version reads format "
                + HourManifest.FORMAT
                + ". Upgrade the compactor.");
      }
      return manifest;
    } catch (IOException e) {
      throw new IllegalStateException(
          "Cannot parse manifest "
              + source
              + ": "
              + e.getMessage()
              + ". Delete it to rebuild the hour from its inputs.",
          e);
    }
  }

  public static byte[] write(Object value) {
    try {
      return MAPPER.writeValueAsBytes(value);
    } catch (IOException e) {
      throw new IllegalStateException("cannot serialize " + value.getClass().getSimpleName(), e);
    }
  }

  private static ObjectMapper newMapper() {
    SimpleModule hours = new SimpleModule("hours");
    hours.addSerializer(
        Hour.class,
        new JsonSerializer<>() {
          @Override
          public void serialize(Hour hour, JsonGenerator gen, SerializerProvider provider)
              throws IOException {
            gen.writeString(hour.toString());
          }
        });
    hours.addDeserializer(
        Hour.class,
        new JsonDeserializer<>() {
          @Override
          public Hour deserialize(JsonParser parser, DeserializationContext context)
              throws IOException {
            return Hour.parse(parser.getValueAsString());
          }
        });
    return new ObjectMapper()
        .registerModule(hours)
        .enable(SerializationFeature.INDENT_OUTPUT)
        .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES);
  }
}
