package dev.compactor.jobs.it;

import java.math.BigDecimal;
import java.nio.ByteBuffer;
import java.time.Instant;
import java.time.LocalDate;
import java.time.LocalDateTime;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import org.apache.avro.Conversions;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericFixed;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.generic.GenericRecordBuilder;

/**
 * A reader schema with every Avro type the DDL maps (primitives; the timestamp, date, decimal, uuid
 * and time logical types; enum; fixed; arrays; maps; nested records; nullable and multi-type
 * unions), built with {@link SchemaBuilder}, and three records that cover values, nulls, empty
 * collections and each union member.
 */
final class EveryAvroType {

  private static final Conversions.DecimalConversion DECIMALS = new Conversions.DecimalConversion();

  static final Schema ITEM =
      SchemaBuilder.record("Item").fields().requiredString("sku").requiredInt("qty").endRecord();
  static final Schema PLACE =
      SchemaBuilder.record("Place").fields().requiredString("city").endRecord();
  static final Schema GEO =
      SchemaBuilder.record("Geo")
          .fields()
          .requiredDouble("lat")
          .requiredDouble("lon")
          .name("place")
          .type(nullable(PLACE))
          .noDefault()
          .endRecord();
  static final Schema TIER = SchemaBuilder.enumeration("Tier").symbols("FREE", "PRO");
  static final Schema USER =
      SchemaBuilder.record("User")
          .fields()
          .requiredString("id")
          .name("tier")
          .type(TIER)
          .noDefault()
          .endRecord();
  static final Schema PRICE =
      LogicalTypes.decimal(10, 2).addToSchema(Schema.create(Schema.Type.BYTES));
  static final Schema MONEY =
      SchemaBuilder.record("Money")
          .fields()
          .name("amount")
          .type(PRICE)
          .noDefault()
          .requiredString("currency")
          .endRecord();
  static final Schema BIG_AMOUNT =
      LogicalTypes.decimal(20, 4).addToSchema(Schema.createFixed("BigAmount", null, "test", 9));
  static final Schema DEVICE = SchemaBuilder.enumeration("Device").symbols("DESKTOP", "MOBILE");
  static final Schema MD5 = SchemaBuilder.fixed("Md5").size(16);
  static final Schema VALUE =
      SchemaBuilder.unionOf()
          .nullType()
          .and()
          .intType()
          .and()
          .stringType()
          .and()
          .type(MONEY)
          .endUnion();

  static final Schema SCHEMA =
      SchemaBuilder.record("EveryType")
          .namespace("test")
          .fields()
          .requiredString("event_id")
          .requiredBytes("payload")
          .requiredInt("count")
          .requiredLong("total")
          .requiredFloat("ratio")
          .requiredDouble("score")
          .requiredBoolean("active")
          .name("device")
          .type(DEVICE)
          .noDefault()
          .name("md5")
          .type(MD5)
          .noDefault()
          .name("eventTime")
          .type(logical(LogicalTypes.timestampMillis(), Schema.Type.LONG))
          .noDefault()
          .name("received_micros")
          .type(logical(LogicalTypes.timestampMicros(), Schema.Type.LONG))
          .noDefault()
          .name("local_millis")
          .type(logical(LogicalTypes.localTimestampMillis(), Schema.Type.LONG))
          .noDefault()
          .name("local_micros")
          .type(logical(LogicalTypes.localTimestampMicros(), Schema.Type.LONG))
          .noDefault()
          // Parsed: timestamp-nanos is new in Avro 1.12; under the spark35 profile (Avro 1.11) it
          // is a plain long.
          .name("nanos")
          .type(
              new Schema.Parser()
                  .parse("{\"type\": \"long\", \"logicalType\": \"timestamp-nanos\"}"))
          .noDefault()
          .name("date")
          .type(logical(LogicalTypes.date(), Schema.Type.INT))
          .noDefault()
          .name("price")
          .type(PRICE)
          .noDefault()
          .name("big_amount")
          .type(BIG_AMOUNT)
          .noDefault()
          .name("session_id")
          .type(logical(LogicalTypes.uuid(), Schema.Type.STRING))
          .noDefault()
          .name("opened_at")
          .type(logical(LogicalTypes.timeMillis(), Schema.Type.INT))
          .noDefault()
          .name("elapsed")
          .type(logical(LogicalTypes.timeMicros(), Schema.Type.LONG))
          .noDefault()
          .name("tags")
          .type()
          .array()
          .items()
          .nullable()
          .stringType()
          .noDefault()
          .name("items")
          .type()
          .array()
          .items(ITEM)
          .noDefault()
          .name("counts")
          .type()
          .map()
          .values()
          .longType()
          .noDefault()
          .name("groups")
          .type()
          .map()
          .values()
          .array()
          .items()
          .stringType()
          .noDefault()
          .name("geo")
          .type(GEO)
          .noDefault()
          .name("referrer")
          .type()
          .nullable()
          .stringType()
          .noDefault()
          .name("user")
          .type(nullable(USER))
          .noDefault()
          .name("value")
          .type(VALUE)
          .noDefault()
          .name("choice")
          .type()
          .unionOf()
          .longType()
          .and()
          .booleanType()
          .endUnion()
          .noDefault()
          .endRecord();

  private EveryAvroType() {}

  static List<GenericRecord> records() {
    Instant t = Instant.parse("2026-11-23T17:05:00.123Z");
    return List.of(
        base("e1", t)
            .set("tags", List.of("a", "b"))
            .set("items", List.of(record(ITEM, "sku", "A-1", "qty", 2)))
            .set("counts", Map.of("views", 3L))
            .set("groups", Map.of("g", List.of("x", "y")))
            .set(
                "geo",
                record(GEO, "lat", 52.5, "lon", 13.4, "place", record(PLACE, "city", "Berlin")))
            .set("referrer", "https://example.org/")
            .set("user", record(USER, "id", "u1", "tier", new GenericData.EnumSymbol(TIER, "PRO")))
            .set("value", 42)
            .set("choice", 7L)
            .build(),
        base("e2", t.plusSeconds(1))
            .set("tags", Arrays.asList("c", null))
            .set("items", List.of())
            .set("counts", Map.of())
            .set("groups", Map.of("empty", List.of()))
            .set("geo", record(GEO, "lat", 0.0, "lon", 0.0, "place", null))
            .set("referrer", null)
            .set("user", null)
            .set("value", "forty-two")
            .set("choice", true)
            .build(),
        // Before 1970: the range where INT96 timestamps are misread.
        base("e3", Instant.parse("1969-07-20T20:17:40.5Z"))
            .set("tags", List.of())
            .set(
                "items",
                List.of(
                    record(ITEM, "sku", "B-2", "qty", -1), record(ITEM, "sku", "C-3", "qty", 0)))
            .set("counts", Map.of("a", -1L, "b", Long.MAX_VALUE))
            .set("groups", Map.of())
            .set(
                "geo",
                record(GEO, "lat", -33.9, "lon", 151.2, "place", record(PLACE, "city", "Sydney")))
            .set("referrer", "")
            .set("user", record(USER, "id", "u3", "tier", new GenericData.EnumSymbol(TIER, "FREE")))
            .set("value", record(MONEY, "amount", decimal(PRICE, "-0.01"), "currency", "EUR"))
            .set("choice", Long.MIN_VALUE)
            .build());
  }

  private static GenericRecordBuilder base(String id, Instant time) {
    long micros = time.getEpochSecond() * 1_000_000 + time.getNano() / 1_000;
    LocalDateTime local = LocalDateTime.ofInstant(time, ZoneOffset.UTC);
    return new GenericRecordBuilder(SCHEMA)
        .set("event_id", id)
        .set("payload", ByteBuffer.wrap(new byte[] {0, 1, (byte) 0xff, (byte) id.charAt(1)}))
        .set("count", id.hashCode() % 100)
        .set("total", (long) id.hashCode() * 1_000_003L)
        .set("ratio", 0.25f)
        .set("score", -1.5e10)
        .set("active", id.equals("e1"))
        .set("device", new GenericData.EnumSymbol(DEVICE, id.equals("e2") ? "MOBILE" : "DESKTOP"))
        .set(
            "md5",
            new GenericData.Fixed(
                MD5, new byte[] {1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12, 13, 14, 15, 16}))
        .set("eventTime", time.toEpochMilli())
        .set("received_micros", micros + 7)
        .set("local_millis", local.toInstant(ZoneOffset.UTC).toEpochMilli())
        .set("local_micros", micros)
        .set("nanos", micros * 1000 + 9)
        .set("date", (int) LocalDate.ofInstant(time, ZoneOffset.UTC).toEpochDay())
        .set("price", decimal(PRICE, "1234.56"))
        .set("big_amount", bigAmount("-1234567890123.4567"))
        .set("session_id", "123e4567-e89b-12d3-a456-42661417400" + id.charAt(1))
        .set("opened_at", 8 * 3_600_000)
        .set("elapsed", 3_600_000_001L);
  }

  private static GenericFixed bigAmount(String value) {
    return DECIMALS.toFixed(new BigDecimal(value), BIG_AMOUNT, BIG_AMOUNT.getLogicalType());
  }

  private static ByteBuffer decimal(Schema schema, String value) {
    return DECIMALS.toBytes(new BigDecimal(value), schema, schema.getLogicalType());
  }

  private static GenericRecord record(Schema schema, Object... namesAndValues) {
    GenericRecordBuilder builder = new GenericRecordBuilder(schema);
    for (int i = 0; i < namesAndValues.length; i += 2) {
      builder.set((String) namesAndValues[i], namesAndValues[i + 1]);
    }
    return builder.build();
  }

  private static Schema nullable(Schema schema) {
    return Schema.createUnion(Schema.create(Schema.Type.NULL), schema);
  }

  private static Schema logical(LogicalType type, Schema.Type base) {
    return type.addToSchema(Schema.create(base));
  }
}
