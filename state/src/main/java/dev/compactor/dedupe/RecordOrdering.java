package dev.compactor.dedupe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.Serializable;
import java.io.UncheckedIOException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.io.BinaryEncoder;
import org.apache.avro.io.EncoderFactory;

/**
 * A total, deterministic order over records of one reader schema: the configured keys first (nulls
 * last), then the records' canonical Avro binary encoding. Two records compare equal only when
 * their encodings are identical, so the result never depends on listing order or task timing.
 *
 * <p>Used both as the dedupe winner rule (the smallest record wins) and as the output sort order.
 * Its fields are resolved once, when the configuration loads.
 */
public final class RecordOrdering implements Comparator<GenericRecord>, Serializable {

  private final Schema schema;
  private final List<SortKey> keys;
  private final List<ResolvedKey> resolved;

  private record ResolvedKey(ResolvedField field, boolean descending) implements Serializable {}

  /**
   * @throws IllegalArgumentException naming the key when a field does not exist in the schema
   */
  public RecordOrdering(Schema readerSchema, List<SortKey> sortKeys) {
    this.schema = readerSchema;
    this.keys = List.copyOf(sortKeys);
    this.resolved =
        keys.stream()
            .map(k -> new ResolvedKey(resolve(k.field(), readerSchema), k.descending()))
            .toList();
  }

  private static ResolvedField resolve(FieldPath field, Schema readerSchema) {
    return ResolvedField.resolve(field, readerSchema)
        .orElseThrow(
            () ->
                new IllegalArgumentException(
                    "field '"
                        + field
                        + "' does not exist in schema "
                        + readerSchema.getFullName()));
  }

  /** The configured keys, in order. */
  public List<SortKey> keys() {
    return keys;
  }

  @Override
  public int compare(GenericRecord a, GenericRecord b) {
    for (ResolvedKey key : resolved) {
      Object x = key.field().valueOf(a);
      Object y = key.field().valueOf(b);
      if (x == null || y == null) {
        if (x != y) {
          return x == null ? 1 : -1; // a missing value never wins and sorts last, either direction
        }
        continue;
      }
      int c = GenericData.get().compare(x, y, key.field().schema());
      if (c != 0) {
        return key.descending() ? -c : c;
      }
    }
    return Arrays.compareUnsigned(canonicalBytes(a), canonicalBytes(b));
  }

  /** The record's Avro binary encoding under the reader schema. */
  public byte[] canonicalBytes(GenericRecord record) {
    try {
      ByteArrayOutputStream out = new ByteArrayOutputStream(256);
      BinaryEncoder encoder = EncoderFactory.get().binaryEncoder(out, null);
      new GenericDatumWriter<GenericRecord>(schema).write(record, encoder);
      encoder.flush();
      return out.toByteArray();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public String toString() {
    return keys.toString();
  }
}
