package dev.compactor.dedupe;

import java.io.Serializable;
import java.util.Arrays;
import java.util.List;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;

/**
 * A dotted path to a field inside nested records, e.g. {@code header.id}. Nullable unions on the
 * way are followed to their record branch.
 */
public record FieldPath(List<String> names) implements Serializable {

  public FieldPath {
    names = List.copyOf(names);
    if (names.isEmpty() || names.stream().anyMatch(String::isBlank)) {
      throw new IllegalArgumentException("empty field path");
    }
  }

  public static FieldPath parse(String dotted) {
    return new FieldPath(Arrays.asList(dotted.trim().split("\\.", -1)));
  }

  /**
   * The value at this path, or null when any step is null or the field is absent from the record.
   */
  public Object valueOf(GenericRecord record) {
    Object current = record;
    for (String name : names) {
      if (!(current instanceof GenericRecord r) || !r.hasField(name)) {
        return null;
      }
      current = r.get(name);
    }
    return current;
  }

  /**
   * The schema of the leaf field (unions unwrapped to their non-null branch), if the path exists.
   */
  public Optional<Schema> resolve(Schema recordSchema) {
    return declared(recordSchema).map(FieldPath::nonNull);
  }

  /** Whether the leaf field exists and admits null (a union with a null branch). */
  public boolean isNullableIn(Schema recordSchema) {
    return declared(recordSchema)
        .filter(s -> s.getType() == Schema.Type.UNION)
        .map(s -> s.getTypes().stream().anyMatch(t -> t.getType() == Schema.Type.NULL))
        .orElse(false);
  }

  /** The leaf field's schema as declared, if the path exists. */
  private Optional<Schema> declared(Schema recordSchema) {
    Schema current = recordSchema;
    for (String name : names) {
      current = nonNull(current);
      if (current.getType() != Schema.Type.RECORD || current.getField(name) == null) {
        return Optional.empty();
      }
      current = current.getField(name).schema();
    }
    return Optional.of(current);
  }

  static Schema nonNull(Schema schema) {
    if (schema.getType() != Schema.Type.UNION) {
      return schema;
    }
    List<Schema> branches =
        schema.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).toList();
    return branches.size() == 1 ? branches.get(0) : schema;
  }

  @Override
  public String toString() {
    return String.join(".", names);
  }
}
