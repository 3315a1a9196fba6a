package dev.compactor.ddl;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;

/**
 * Maps an Avro reader schema to the column types of an Athena table over one output format: the
 * type each column must be declared with so that Athena reads what the compactor wrote.
 *
 * <p>Both formats: {@code string}, {@code enum} and {@code uuid} on string are {@code string};
 * {@code bytes}, {@code fixed} and the logical types {@code uuid} on fixed, {@code duration} and
 * {@code big-decimal} are {@code binary}; {@code int} {@code int}; {@code long} {@code bigint};
 * {@code float} {@code float}; {@code double} {@code double}; {@code boolean} {@code boolean};
 * {@code date} {@code date}; {@code time-micros}, {@code timestamp-nanos} and {@code
 * local-timestamp-nanos} {@code bigint}; {@code timestamp-millis} {@code timestamp}; arrays {@code
 * array<..>}; maps {@code map<string,..>}; records {@code struct<..>}; a union of null and one type
 * is that type.
 *
 * <p>Where they differ, because the Parquet table reads what parquet-avro wrote and the Avro table
 * reads through the Hive Avro SerDe, which honours only some logical types:
 *
 * <pre>
 * Avro                           Parquet table                Avro table
 * timestamp-micros,              timestamp                    bigint (the raw number)
 *   local-timestamp-millis/micros
 * time-millis                    left out (see below)         int (millis after midnight)
 * decimal(p,s) on bytes          decimal(p,s)                 decimal(p,s)
 * decimal(p,s) on fixed          decimal(p,s)                 binary (the SerDe decodes bytes only)
 * union of 2+ non-null types     struct&lt;member0:..,       struct&lt;tag:tinyint,field0:..,
 *                                  member1:..&gt;               field1:..&gt;
 * </pre>
 *
 * <p>Decimals of more than 38 digits exceed Athena's decimal: on bytes they are declared {@code
 * binary} (the unscaled two's-complement value); on fixed the Parquet table leaves them out. The
 * Parquet table leaves out {@code time-millis} because parquet-avro writes it as INT32
 * TIME(MILLIS), which the engine's Parquet reader refuses for every Hive type. A left-out field is
 * dropped from its struct (fields are matched by name, so the rest stays readable) and reported in
 * {@link TableColumns#omitted()}; an array or map whose elements are left out is left out itself.
 *
 * <p>parquet-avro annotates local timestamps only from Parquet 1.14; the Spark 3.5 build ships
 * 1.13, which writes them as plain INT64. {@link #forParquet} takes what the Parquet library on the
 * classpath does, and the Parquet table then declares them {@code bigint}.
 *
 * <p>These mappings were checked by reading the written files with the Hive connector of Trino 476,
 * the engine Athena's version 3 is built on; {@code ITAthenaParquetTypes} keeps the Parquet side
 * checked.
 */
public final class AthenaTypeMapper {

  /** Athena's decimal holds at most 38 digits. */
  static final int MAX_DECIMAL_PRECISION = 38;

  /** From {@code logicalType}: the logical type changes nothing, the Avro type decides. */
  private static final String UNDERLYING = "";

  /** From {@code logicalType}: this format's reader cannot read the value as any type. */
  private static final String UNREADABLE = "-";

  private final TableFormat format;
  private final boolean localTimestampsAnnotated;

  private AthenaTypeMapper(TableFormat format, boolean localTimestampsAnnotated) {
    this.format = format;
    this.localTimestampsAnnotated = localTimestampsAnnotated;
  }

  /**
   * The mapper for {@code format}, for a Parquet writer that annotates local timestamps (1.14 on).
   */
  public static AthenaTypeMapper of(TableFormat format) {
    return new AthenaTypeMapper(format, true);
  }

  /**
   * The mapper for the Parquet table, given whether the Parquet writer annotates Avro's {@code
   * local-timestamp-millis/micros} as timestamps or writes them as plain INT64.
   */
  public static AthenaTypeMapper forParquet(boolean localTimestampsAnnotated) {
    return new AthenaTypeMapper(TableFormat.PARQUET, localTimestampsAnnotated);
  }

  /**
   * The columns of a table over records of {@code record}, one per field in field order.
   *
   * @throws IllegalArgumentException naming the field, when a field cannot be declared at all (a
   *     recursive record, a field of type null, two names Athena lower-cases to one) or when no
   *     field is left to declare
   */
  public TableColumns columns(Schema record) {
    if (record.getType() != Schema.Type.RECORD) {
      throw new IllegalArgumentException(
          "a table needs a record schema, not " + record.getType() + ": " + record);
    }
    Walk walk = new Walk();
    walk.records.push(record.getFullName());
    List<AthenaColumn> columns = walk.fields(record, "");
    if (columns.isEmpty()) {
      throw new IllegalArgumentException(
          "no field of "
              + record.getFullName()
              + " can be read from "
              + format
              + ": "
              + walk.omitted);
    }
    return new TableColumns(columns, walk.omitted);
  }

  /**
   * The Athena type of a value of {@code schema}.
   *
   * @throws IllegalArgumentException when no Athena type reads it (the message says why)
   */
  public String typeOf(Schema schema) {
    Walk walk = new Walk();
    return walk.type(schema, schema.getName())
        .orElseThrow(() -> new IllegalArgumentException(walk.omitted.get(0).reason()));
  }

  private static IllegalArgumentException cannotDeclare(String path, String why) {
    return new IllegalArgumentException("cannot declare field '" + path + "' in Athena: " + why);
  }

  /** One traversal: the records on the current path (to refuse recursion) and what was left out. */
  private final class Walk {
    private final Deque<String> records = new ArrayDeque<>();
    private final List<OmittedField> omitted = new ArrayList<>();

    List<AthenaColumn> fields(Schema record, String path) {
      Map<String, String> seen = new HashMap<>();
      List<AthenaColumn> columns = new ArrayList<>();
      for (Schema.Field field : record.getFields()) {
        String earlier = seen.put(AthenaNames.lower(field.name()), field.name());
        if (earlier != null) {
          throw cannotDeclare(
              join(path, field.name()),
              "Athena lower-cases names, so it is the same column as '"
                  + earlier
                  + "'; rename one of them");
        }
        String fieldPath = join(path, field.name());
        type(field.schema(), fieldPath)
            .ifPresent(t -> columns.add(new AthenaColumn(field.name(), t)));
      }
      return columns;
    }

    /**
     * The type, or empty when this format's reader cannot read it (recorded in {@link #omitted}).
     */
    Optional<String> type(Schema schema, String path) {
      String logical = schema.getLogicalType() == null ? UNDERLYING : logicalType(schema);
      if (logical.equals(UNREADABLE)) {
        omitted.add(new OmittedField(path, unreadable(schema)));
        return Optional.empty();
      }
      if (!logical.equals(UNDERLYING)) {
        return Optional.of(logical);
      }
      return switch (schema.getType()) {
        case STRING, ENUM -> Optional.of("string");
        case BYTES, FIXED -> Optional.of("binary");
        case INT -> Optional.of("int");
        case LONG -> Optional.of("bigint");
        case FLOAT -> Optional.of("float");
        case DOUBLE -> Optional.of("double");
        case BOOLEAN -> Optional.of("boolean");
        case ARRAY -> type(schema.getElementType(), path + "[]").map(t -> "array<" + t + ">");
        // Avro map keys are always strings.
        case MAP -> type(schema.getValueType(), path + "{}").map(t -> "map<string," + t + ">");
        case RECORD -> struct(schema, path);
        case UNION -> union(schema, path);
        case NULL ->
            throw cannotDeclare(
                path, "its type is null, which no column can hold; remove the field");
      };
    }

    private String logicalType(Schema schema) {
      boolean parquet = format == TableFormat.PARQUET;
      return switch (schema.getLogicalType().getName()) {
        case "date" -> "date";
        case "timestamp-millis" -> "timestamp";
        case "timestamp-micros" -> parquet ? "timestamp" : "bigint";
        case "local-timestamp-millis", "local-timestamp-micros" ->
            parquet && localTimestampsAnnotated ? "timestamp" : "bigint";
        // parquet-avro writes nanosecond timestamps as plain INT64, without a timestamp annotation.
        case "timestamp-nanos", "local-timestamp-nanos", "time-micros" -> "bigint";
        case "time-millis" -> parquet ? UNREADABLE : "int";
        case "decimal" -> decimal(schema);
        default -> UNDERLYING;
      };
    }

    private String decimal(Schema schema) {
      LogicalTypes.Decimal decimal = (LogicalTypes.Decimal) schema.getLogicalType();
      boolean onFixed = schema.getType() == Schema.Type.FIXED;
      // The Hive Avro SerDe decodes decimals stored as bytes only; on fixed it returns the raw
      // bytes.
      if (onFixed && format == TableFormat.AVRO) {
        return UNDERLYING;
      }
      if (decimal.getPrecision() <= MAX_DECIMAL_PRECISION) {
        return "decimal(" + decimal.getPrecision() + "," + decimal.getScale() + ")";
      }
      // Too many digits for Athena's decimal: bytes still read as binary, a Parquet fixed not at
      // all.
      return onFixed ? UNREADABLE : UNDERLYING;
    }

    private String unreadable(Schema schema) {
      return schema.getLogicalType().getName().equals("time-millis")
          ? "Parquet holds Avro time-millis as INT32 TIME(MILLIS), which Athena reads as no type;"
              + " the Avro table has it as int (milliseconds after midnight)"
          : "Parquet holds this decimal of more than "
              + MAX_DECIMAL_PRECISION
              + " digits as a fixed,"
              + " which Athena reads as no type; the Avro table has it as binary";
    }

    private Optional<String> struct(Schema record, String path) {
      if (records.contains(record.getFullName())) {
        throw cannotDeclare(
            path,
            "record "
                + record.getFullName()
                + " contains itself, and Athena types cannot nest forever");
      }
      if (record.getFields().isEmpty()) {
        throw cannotDeclare(
            path,
            "record " + record.getFullName() + " has no fields, and Athena has no empty struct");
      }
      records.push(record.getFullName());
      List<String> fields = new ArrayList<>();
      for (AthenaColumn column : fields(record, path)) {
        fields.add(AthenaNames.quote(column.name()) + ":" + column.type());
      }
      records.pop();
      return fields.isEmpty()
          ? Optional.empty()
          : Optional.of("struct<" + String.join(",", fields) + ">");
    }

    private Optional<String> union(Schema union, String path) {
      List<Schema> members =
          union.getTypes().stream().filter(s -> s.getType() != Schema.Type.NULL).toList();
      if (members.isEmpty()) {
        throw cannotDeclare(
            path, "its union holds only null, which no column can hold; remove the field");
      }
      if (members.size() == 1) {
        return type(members.get(0), path);
      }
      // parquet-avro writes a union of several non-null types as a group with one optional field
      // per
      // non-null member, named member0, member1, ... in union order (null does not count). The Hive
      // Avro
      // reader exposes the same union as a row of a tinyint tag (the index of the member present)
      // and one
      // field per non-null member, named field0, field1, ...
      boolean parquet = format == TableFormat.PARQUET;
      List<String> fields = new ArrayList<>();
      if (!parquet) {
        fields.add(AthenaNames.quote("tag") + ":tinyint");
      }
      for (int i = 0; i < members.size(); i++) {
        String name = (parquet ? "member" : "field") + i;
        type(members.get(i), path + "<" + name + ">")
            .ifPresent(t -> fields.add(AthenaNames.quote(name) + ":" + t));
      }
      boolean nothingLeft = fields.isEmpty();
      return nothingLeft
          ? Optional.empty()
          : Optional.of("struct<" + String.join(",", fields) + ">");
    }

    private static String join(String path, String name) {
      return path.isEmpty() ? name : path + "." + name;
    }
  }
}
