package dev.compactor.dedupe;

import java.io.Serializable;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * A {@link FieldPath} resolved against the reader schema once, at configuration load: each step is
 * a field position, so reading the value of a record decoded with that schema is array access.
 *
 * <p>A record of any other schema (an output written before a schema change, a Parquet file read
 * with its own schema) is read by field name instead, so the answer never depends on field order.
 * Java serialization keeps the reader schema shared with the configuration that holds this field,
 * so records decoded in a Spark task with that configuration's schema take the positional path.
 */
public final class ResolvedField implements Serializable {

  private final FieldPath path;
  private final Schema readerSchema;
  private final int[] positions;
  private final Schema leaf;
  private final boolean nullable;

  private ResolvedField(
      FieldPath path, Schema readerSchema, int[] positions, Schema leaf, boolean nullable) {
    this.path = path;
    this.readerSchema = readerSchema;
    this.positions = positions;
    this.leaf = leaf;
    this.nullable = nullable;
  }

  /** The path resolved in {@code readerSchema}, or empty when a step does not exist. */
  public static Optional<ResolvedField> resolve(FieldPath path, Schema readerSchema) {
    Schema current = readerSchema;
    int[] positions = new int[path.names().size()];
    for (int i = 0; i < positions.length; i++) {
      current = FieldPath.nonNull(current);
      Schema.Field field =
          current.getType() == Schema.Type.RECORD ? current.getField(path.names().get(i)) : null;
      if (field == null) {
        return Optional.empty();
      }
      positions[i] = field.pos();
      current = field.schema();
    }
    return Optional.of(
        new ResolvedField(
            path,
            readerSchema,
            positions,
            FieldPath.nonNull(current),
            path.isNullableIn(readerSchema)));
  }

  /**
   * The value at this path, or null when any step is null or the field is absent from the record.
   */
  public Object valueOf(GenericRecord record) {
    if (record.getSchema() != readerSchema) {
      return path.valueOf(record);
    }
    Object current = record;
    for (int position : positions) {
      if (!(current instanceof GenericRecord r)) {
        return null;
      }
      current = r.get(position);
    }
    return current;
  }

  /** Whether this field is read by position from records of {@code schema}. */
  public boolean readsByPosition(Schema schema) {
    return schema == readerSchema;
  }

  public FieldPath path() {
    return path;
  }

  /** The leaf field's schema, a nullable union unwrapped to its other branch. */
  public Schema schema() {
    return leaf;
  }

  /** Whether the leaf field admits null. */
  public boolean isNullable() {
    return nullable;
  }

  @Override
  public String toString() {
    return path.toString();
  }
}
