package dev.compactor.dedupe;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
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
 * last), then the records' canonical Avro binary encoding. Two records compare equal only when their
 * encodings are identical, so the result never depends on listing order or task timing.
 *
 * <p>Used both as the dedupe winner rule (the smallest record wins) and as the output sort order.
 */
public final class RecordOrdering implements Comparator<GenericRecord> {

  private final Schema schema;
  private final List<ResolvedKey> keys;

  private record ResolvedKey(FieldPath path, Schema schema, boolean descending) {}

  /**
   * @throws IllegalArgumentException naming the key when a field does not exist in the schema
   */
  public RecordOrdering(Schema readerSchema, List<SortKey> sortKeys) {
    this.schema = readerSchema;
    this.keys =
        sortKeys.stream()
            .map(
                k ->
                    new ResolvedKey(
                        k.field(),
                        k.field()
                            .resolve(readerSchema)
                            .orElseThrow(
                                () ->
                                    new IllegalArgumentException(
                                        "field '"
                                            + k.field()
                                            + "' does not exist in schema "
                                            + readerSchema.getFullName())),
                        k.descending()))
            .toList();
  }

  @Override
  public int compare(GenericRecord a, GenericRecord b) {
    for (ResolvedKey key : keys) {
      Object x = key.path().valueOf(a);
      Object y = key.path().valueOf(b);
      if (x == null || y == null) {
        if (x != y) {
          return x == null ? 1 : -1; // a missing value never wins and sorts last, either direction
        }
        continue;
      }
      int c = GenericData.get().compare(x, y, key.schema());
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
}
