package dev.compactor.jobs.rewrite;

import dev.compactor.dedupe.ResolvedField;
import dev.compactor.domain.InputFile;
import dev.compactor.domain.Quarantined;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.apache.avro.AvroRuntimeException;
import org.apache.avro.AvroTypeException;
import org.apache.avro.InvalidAvroMagicException;
import org.apache.avro.Schema;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;

/**
 * Decodes one input file, already in memory, with the reader schema. A file is all or nothing: its
 * records are handed on only if the whole file decodes, so a file cut inside a block never
 * contributes half its records. Anything wrong with the bytes becomes a {@link Quarantined} value
 * naming the file; I/O problems never reach here because the bytes were fetched before decoding.
 *
 * <p>A writer schema without the event-ID field is rejected whatever {@code null-id} says: every
 * record would lack an ID, which is a producer writing the wrong schema, not an occasional missing
 * value.
 */
public final class InputDecoder {

  /** What the operator does about any rejected file. */
  static final String FIX =
      "; fix: rewrite the file (the next run reads it once its MD5 changes) or delete it";

  private final Schema readerSchema;
  private final ResolvedField eventId;

  public InputDecoder(Schema readerSchema, ResolvedField eventId) {
    this.readerSchema = readerSchema;
    this.eventId = eventId;
  }

  /** The file's records resolved to the reader schema, or why it was quarantined. */
  public sealed interface Decoded permits Records, Rejected {}

  public record Records(List<GenericRecord> records) implements Decoded {}

  public record Rejected(Quarantined quarantined) implements Decoded {}

  public Decoded decode(InputFile file, String uri, byte[] bytes) {
    if (bytes.length == 0) {
      return reject(file, uri, "zero-byte file");
    }
    Optional<String> framing = AvroFraming.problem(bytes);
    if (framing.isPresent()) {
      return reject(file, uri, framing.get());
    }
    List<GenericRecord> records = new ArrayList<>();
    try (DataFileStream<GenericRecord> stream =
        new DataFileStream<>(
            new ByteArrayInputStream(bytes), new GenericDatumReader<>(null, readerSchema))) {
      if (eventId.path().resolve(stream.getSchema()).isEmpty()) {
        return reject(
            file,
            uri,
            "the writer schema has no field "
                + eventId
                + ", so its records cannot be deduplicated; add the field to the producer's"
                + " schema");
      }
      readAll(stream, records::add);
      return new Records(records);
    } catch (InvalidAvroMagicException e) {
      return reject(file, uri, "not an Avro object container file (bad magic)");
    } catch (AvroTypeException e) {
      return reject(
          file,
          uri,
          "writer schema cannot be resolved to the reader schema: "
              + e.getMessage()
              + nullIdHint(bytes));
    } catch (AvroRuntimeException e) {
      return reject(file, uri, codecOrCorrupt(e));
    } catch (IOException e) {
      return reject(file, uri, "corrupt or truncated Avro: " + describe(e));
    } catch (RuntimeException e) {
      // Decoders of damaged bytes throw whatever the bytes provoke (negative lengths, bad indexes).
      return reject(file, uri, "undecodable Avro: " + describe(e));
    }
  }

  /**
   * Why resolution failed when the writer's event ID is nullable and the reader's is not: a null ID
   * cannot be resolved at all, so {@code null-id} only applies to a nullable reader field.
   */
  private String nullIdHint(byte[] bytes) {
    try (DataFileStream<Object> stream =
        new DataFileStream<>(new ByteArrayInputStream(bytes), new GenericDatumReader<>())) {
      return eventId.path().isNullableIn(stream.getSchema()) && !eventId.isNullable()
          ? " (a null "
              + eventId
              + " cannot be resolved to the reader's non-nullable "
              + eventId
              + "; make it [\"null\", ...] in the reader schema for null-id to apply)"
          : "";
    } catch (IOException | RuntimeException e) {
      return "";
    }
  }

  private static void readAll(DataFileStream<GenericRecord> stream, Consumer<GenericRecord> sink) {
    while (stream.hasNext()) {
      sink.accept(stream.next());
    }
  }

  private static String codecOrCorrupt(AvroRuntimeException e) {
    String message = String.valueOf(e.getMessage());
    if (message.startsWith("Unrecognized codec: ")) {
      return "unknown codec '"
          + message.substring("Unrecognized codec: ".length())
          + "' in the file header";
    }
    return "corrupt or truncated Avro: " + describe(e);
  }

  private static Rejected reject(InputFile file, String uri, String reason) {
    return new Rejected(new Quarantined(file.key(), file.md5(), reason + FIX));
  }

  private static String describe(Exception e) {
    Throwable root = e;
    while (root.getCause() != null && root.getCause() != root) {
      root = root.getCause();
    }
    String message = root.getMessage() == null ? "" : ": " + root.getMessage();
    return root.getClass().getSimpleName() + message;
  }
}
