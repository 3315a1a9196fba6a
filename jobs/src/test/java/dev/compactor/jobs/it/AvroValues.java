package dev.compactor.jobs.it;

import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;

/**
 * What a query should return for a written Avro value, in the form {@link DuckDbValues} gives read
 * values: instants for UTC timestamps, local date-times for local ones, dates, big decimals, hex
 * for bytes, lists, maps and name-to-value maps for structs. Derived from the schema and the datum
 * alone, never from the writer's code.
 */
final class AvroValues {

  private static final Conversions.DecimalConversion DECIMALS = new Conversions.DecimalConversion();

  private AvroValues() {}

  static Object expected(Schema schema, Object value) {
    if (value == null) {
      return null;
    }
    return switch (schema.getType()) {
      case UNION -> union(schema, value);
      case RECORD -> record((GenericRecord) value);
      case ARRAY -> {
        List<Object> list = new ArrayList<>();
        ((List<?>) value).forEach(v -> list.add(expected(schema.getElementType(), v)));
        yield list;
      }
      case MAP -> {
        Map<String, Object> map = new LinkedHashMap<>();
        ((Map<?, ?>) value)
            .forEach((k, v) -> map.put(k.toString(), expected(schema.getValueType(), v)));
        yield map;
      }
      case STRING, ENUM -> value.toString();
      case BYTES ->
          isDecimal(schema)
              ? DECIMALS.fromBytes(
                  ((ByteBuffer) value).duplicate(), schema, schema.getLogicalType())
              : hex(((ByteBuffer) value).duplicate());
      case FIXED ->
          isDecimal(schema)
              ? DECIMALS.fromFixed((GenericFixed) value, schema, schema.getLogicalType())
              : HexFormat.of().formatHex(((GenericFixed) value).bytes());
      case INT -> isDate(schema) ? LocalDate.ofEpochDay((Integer) value) : value;
      case LONG -> longValue(schema.getLogicalType(), (Long) value);
      default -> value;
    };
  }

  private static Object union(Schema union, Object value) {
    List<Schema> members =
        union.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).toList();
    if (members.size() == 1) {
      return expected(members.get(0), value);
    }
    // One field per non-null member, member0, member1, ...; only the member the value has is set.
    Schema actual = union.getTypes().get(GenericData.get().resolveUnion(union, value));
    Map<String, Object> struct = new LinkedHashMap<>();
    for (int i = 0; i < members.size(); i++) {
      struct.put("member" + i, members.get(i).equals(actual) ? expected(actual, value) : null);
    }
    return struct;
  }

  private static Map<String, Object> record(GenericRecord record) {
    Map<String, Object> struct = new LinkedHashMap<>();
    for (Schema.Field field : record.getSchema().getFields()) {
      struct.put(field.name(), expected(field.schema(), record.get(field.pos())));
    }
    return struct;
  }

  private static Object longValue(LogicalType type, long value) {
    if (type instanceof LogicalTypes.TimestampMillis) {
      return Instant.ofEpochMilli(value);
    }
    if (type instanceof LogicalTypes.TimestampMicros) {
      return micros(value);
    }
    if (type instanceof LogicalTypes.LocalTimestampMillis) {
      return LocalDateTime.ofInstant(Instant.ofEpochMilli(value), ZoneOffset.UTC);
    }
    if (type instanceof LogicalTypes.LocalTimestampMicros) {
      return LocalDateTime.ofInstant(micros(value), ZoneOffset.UTC);
    }
    return value;
  }

  private static Instant micros(long micros) {
    return Instant.EPOCH.plus(micros, ChronoUnit.MICROS);
  }

  private static boolean isDate(Schema schema) {
    return schema.getLogicalType() instanceof LogicalTypes.Date;
  }

  private static boolean isDecimal(Schema schema) {
    return schema.getLogicalType() instanceof LogicalTypes.Decimal;
  }

  private static String hex(ByteBuffer buffer) {
    byte[] bytes = new byte[buffer.remaining()];
    buffer.get(bytes);
    return HexFormat.of().formatHex(bytes);
  }
}
