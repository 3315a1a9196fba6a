package dev.compactor.jobs.rewrite;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;

/**
 * The reader schema with every {@code timestamp-millis} and {@code local-timestamp-millis} made
 * {@code -micros}, and records mapped to it (values times 1,000). The Iceberg spec stores
 * timestamps in Parquet as INT64 {@code TIMESTAMP(MICROS)}; Trino's Iceberg connector (the engine
 * of Athena v3) refuses the {@code TIMESTAMP(MILLIS)} that parquet-avro writes for a millisecond
 * field ("Unsupported Trino column type (timestamp(6) with time zone) for Parquet column"). Used
 * for the Parquet files of an Iceberg table only: the Avro of record and Hive-style Parquet keep
 * the reader schema.
 */
final class MicrosTimestamps {

  private final Schema source;
  private final Schema target;

  private MicrosTimestamps(Schema source, Schema target) {
    this.source = source;
    this.target = target;
  }

  static MicrosTimestamps of(Schema source) {
    return new MicrosTimestamps(source, new Converter().convert(source));
  }

  /** The schema to write; the reader schema itself when it has no millisecond timestamp. */
  Schema schema() {
    return target;
  }

  GenericRecord convert(GenericRecord record) {
    return (GenericRecord) value(record, source, target);
  }

  private static Object value(Object value, Schema from, Schema to) {
    if (from == to || value == null) {
      return value;
    }
    switch (from.getType()) {
      case LONG -> {
        if (!(value instanceof Long millis)) {
          throw new IllegalArgumentException(
              "a " + from + " value is a " + value.getClass().getName() + ", not a Long");
        }
        return Math.multiplyExact(millis, 1000L);
      }
      case RECORD -> {
        GenericRecord in = (GenericRecord) value;
        GenericData.Record out = new GenericData.Record(to);
        List<Schema.Field> fromFields = from.getFields();
        List<Schema.Field> toFields = to.getFields();
        for (int i = 0; i < fromFields.size(); i++) {
          out.put(i, value(in.get(i), fromFields.get(i).schema(), toFields.get(i).schema()));
        }
        return out;
      }
      case UNION -> {
        int branch = GenericData.get().resolveUnion(from, value);
        return value(value, from.getTypes().get(branch), to.getTypes().get(branch));
      }
      case ARRAY -> {
        List<Object> out = new ArrayList<>();
        for (Object element : (Iterable<?>) value) {
          out.add(value(element, from.getElementType(), to.getElementType()));
        }
        return out;
      }
      case MAP -> {
        Map<Object, Object> out = new LinkedHashMap<>();
        for (Map.Entry<?, ?> entry : ((Map<?, ?>) value).entrySet()) {
          out.put(entry.getKey(), value(entry.getValue(), from.getValueType(), to.getValueType()));
        }
        return out;
      }
      default -> {
        return value;
      }
    }
  }

  /** Builds the target schema bottom-up, reusing every part that does not change. */
  private static final class Converter {
    private final Map<String, Schema> records = new HashMap<>();
    private final Set<String> visiting = new HashSet<>();

    Schema convert(Schema schema) {
      return switch (schema.getType()) {
        case LONG -> micros(schema);
        case RECORD -> record(schema);
        case UNION -> {
          List<Schema> types = schema.getTypes().stream().map(this::convert).toList();
          yield same(types, schema.getTypes()) ? schema : Schema.createUnion(types);
        }
        case ARRAY -> {
          Schema element = convert(schema.getElementType());
          yield element == schema.getElementType()
              ? schema
              : copyProps(schema, Schema.createArray(element));
        }
        case MAP -> {
          Schema values = convert(schema.getValueType());
          yield values == schema.getValueType()
              ? schema
              : copyProps(schema, Schema.createMap(values));
        }
        default -> schema;
      };
    }

    private static Schema micros(Schema schema) {
      LogicalType logical = schema.getLogicalType();
      LogicalType micros =
          logical instanceof LogicalTypes.TimestampMillis
              ? LogicalTypes.timestampMicros()
              : logical instanceof LogicalTypes.LocalTimestampMillis
                  ? LogicalTypes.localTimestampMicros()
                  : null;
      return micros == null ? schema : micros.addToSchema(Schema.create(Schema.Type.LONG));
    }

    private Schema record(Schema schema) {
      String name = schema.getFullName();
      if (records.containsKey(name)) {
        return records.get(name);
      }
      if (!visiting.add(name)) {
        throw new IllegalArgumentException(
            "record " + name + " contains itself; an Iceberg table cannot hold a recursive type");
      }
      List<Schema> converted = schema.getFields().stream().map(f -> convert(f.schema())).toList();
      visiting.remove(name);
      Schema result = schema;
      if (!same(converted, schema.getFields().stream().map(Schema.Field::schema).toList())) {
        List<Schema.Field> fields = new ArrayList<>();
        for (int i = 0; i < converted.size(); i++) {
          Schema.Field field = schema.getFields().get(i);
          Schema.Field copy =
              new Schema.Field(
                  field.name(), converted.get(i), field.doc(), field.defaultVal(), field.order());
          field.aliases().forEach(copy::addAlias);
          field.getObjectProps().forEach(copy::addProp);
          fields.add(copy);
        }
        result =
            Schema.createRecord(
                schema.getName(), schema.getDoc(), schema.getNamespace(), schema.isError(), fields);
        schema.getAliases().forEach(result::addAlias);
        copyProps(schema, result);
      }
      records.put(name, result);
      return result;
    }

    private static Schema copyProps(Schema from, Schema to) {
      from.getObjectProps().forEach(to::addProp);
      return to;
    }

    private static boolean same(List<Schema> a, List<Schema> b) {
      for (int i = 0; i < a.size(); i++) {
        if (a.get(i) != b.get(i)) {
          return false;
        }
      }
      return true;
    }
  }
}
