package dev.compactor.jobs.table;

import dev.compactor.config.ConfigException;
import dev.compactor.config.EventTypeConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import org.apache.iceberg.PartitionSpec;
import org.apache.iceberg.Schema;
import org.apache.iceberg.avro.AvroSchemaUtil;
import org.apache.iceberg.types.Types;

/**
 * The Iceberg schema and partitioning of an event type's table. The columns are the reader
 * schema's; the partition columns {@code dt}, {@code hr} and {@code bucket} are identity partitions
 * that no data file holds: readers take them from the table's partition metadata, which is truthful
 * for pruning because every file holds exactly one partition (a transform of the event time would
 * not be: records outside their hour exist).
 */
final class TableSchemas {

  static final String DT = "dt";
  static final String HR = "hr";
  static final String BUCKET = "bucket";
  private static final Set<String> PARTITION_COLUMNS = Set.of(DT, HR, BUCKET);

  private TableSchemas() {}

  /** The table schema for {@code config}; its field IDs are placeholders the catalog reassigns. */
  static Schema of(EventTypeConfig config) {
    Schema columns = AvroSchemaUtil.toIceberg(utcTimestamps(config.schema()));
    for (Types.NestedField field : columns.columns()) {
      if (PARTITION_COLUMNS.contains(field.name())) {
        throw new ConfigException(
            "event-type."
                + config.name()
                + ".schema has a field '"
                + field.name()
                + "', a partition column of the Iceberg table (dt, hr, bucket); rename it in the"
                + " reader schema, or use parquet-table=hive");
      }
    }
    List<Types.NestedField> fields = new ArrayList<>(columns.columns());
    int next = columns.highestFieldId() + 1;
    fields.add(Types.NestedField.required(next++, DT, Types.StringType.get()));
    fields.add(Types.NestedField.required(next++, HR, Types.IntegerType.get()));
    fields.add(Types.NestedField.required(next, BUCKET, Types.IntegerType.get()));
    return new Schema(fields);
  }

  /**
   * A copy of the reader schema whose {@code timestamp-millis} and {@code timestamp-micros} fields
   * say they are adjusted to UTC, as parquet-avro writes them; Iceberg would otherwise declare them
   * timestamps without a zone. Local timestamps stay without one.
   */
  private static org.apache.avro.Schema utcTimestamps(org.apache.avro.Schema reader) {
    org.apache.avro.Schema copy = new org.apache.avro.Schema.Parser().parse(reader.toString());
    markUtc(copy, new java.util.IdentityHashMap<>());
    return copy;
  }

  private static void markUtc(
      org.apache.avro.Schema schema, java.util.Map<org.apache.avro.Schema, Boolean> seen) {
    if (seen.put(schema, true) != null) {
      return;
    }
    switch (schema.getType()) {
      case RECORD -> schema.getFields().forEach(f -> markUtc(f.schema(), seen));
      case UNION -> schema.getTypes().forEach(t -> markUtc(t, seen));
      case ARRAY -> markUtc(schema.getElementType(), seen);
      case MAP -> markUtc(schema.getValueType(), seen);
      case LONG -> {
        String logical = schema.getLogicalType() == null ? "" : schema.getLogicalType().getName();
        if (logical.equals("timestamp-millis") || logical.equals("timestamp-micros")) {
          schema.addProp("adjust-to-utc", true);
        }
      }
      default -> {}
    }
  }

  static PartitionSpec spec(Schema schema) {
    return PartitionSpec.builderFor(schema).identity(DT).identity(HR).identity(BUCKET).build();
  }
}
