package dev.compactor.ddl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.compactor.store.StoreUri;
import org.apache.avro.LogicalType;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

/** The Athena type declared for each Avro type, in the Parquet table and in the Avro table. */
class TestAthenaTypeMapper {

  private static final AthenaTypeMapper PARQUET = AthenaTypeMapper.of(TableFormat.PARQUET);
  private static final AthenaTypeMapper AVRO = AthenaTypeMapper.of(TableFormat.AVRO);

  @Test
  void primitivesMapToTheirHiveTypesInBothTables() {
    for (AthenaTypeMapper mapper : new AthenaTypeMapper[] {PARQUET, AVRO}) {
      assertThat(mapper.typeOf(primitive(Schema.Type.STRING))).isEqualTo("string");
      assertThat(mapper.typeOf(primitive(Schema.Type.BYTES))).isEqualTo("binary");
      assertThat(mapper.typeOf(primitive(Schema.Type.INT))).isEqualTo("int");
      assertThat(mapper.typeOf(primitive(Schema.Type.LONG))).isEqualTo("bigint");
      assertThat(mapper.typeOf(primitive(Schema.Type.FLOAT))).isEqualTo("float");
      assertThat(mapper.typeOf(primitive(Schema.Type.DOUBLE))).isEqualTo("double");
      assertThat(mapper.typeOf(primitive(Schema.Type.BOOLEAN))).isEqualTo("boolean");
    }
  }

  @Test
  void timestampsAreTimestampsInParquetButOnlyMillisAreInTheAvroTable() {
    Schema millis = logical(LogicalTypes.timestampMillis(), Schema.Type.LONG);
    Schema micros = logical(LogicalTypes.timestampMicros(), Schema.Type.LONG);
    Schema localMillis = logical(LogicalTypes.localTimestampMillis(), Schema.Type.LONG);
    Schema localMicros = logical(LogicalTypes.localTimestampMicros(), Schema.Type.LONG);

    assertThat(PARQUET.typeOf(millis)).isEqualTo("timestamp");
    assertThat(PARQUET.typeOf(micros)).isEqualTo("timestamp");
    assertThat(PARQUET.typeOf(localMillis)).isEqualTo("timestamp");
    assertThat(PARQUET.typeOf(localMicros)).isEqualTo("timestamp");
    assertThat(AVRO.typeOf(millis)).isEqualTo("timestamp");
    assertThat(AVRO.typeOf(micros)).isEqualTo("bigint");
    assertThat(AVRO.typeOf(localMillis)).isEqualTo("bigint");
  }

  @Test
  void localTimestampsAreBigintsInParquetWhenTheWriterLeavesThemUnannotated() {
    AthenaTypeMapper parquet113 = AthenaTypeMapper.forParquet(false);

    assertThat(parquet113.typeOf(logical(LogicalTypes.localTimestampMillis(), Schema.Type.LONG)))
        .isEqualTo("bigint");
    assertThat(parquet113.typeOf(logical(LogicalTypes.localTimestampMicros(), Schema.Type.LONG)))
        .isEqualTo("bigint");
    assertThat(parquet113.typeOf(logical(LogicalTypes.timestampMicros(), Schema.Type.LONG)))
        .isEqualTo("timestamp");
  }

  @Test
  void nanosecondTimestampsAreBigintsBecauseParquetAvroWritesThemUnannotated() {
    // Parsed rather than built: the nanosecond logical types are new in Avro 1.12, and the spark35
    // profile compiles these tests against Avro 1.11, where they parse as plain longs (also
    // bigint).
    Schema nanos =
        new Schema.Parser().parse("{\"type\": \"long\", \"logicalType\": \"timestamp-nanos\"}");
    Schema localNanos =
        new Schema.Parser()
            .parse("{\"type\": \"long\", \"logicalType\": \"local-timestamp-nanos\"}");

    assertThat(PARQUET.typeOf(nanos)).isEqualTo("bigint");
    assertThat(PARQUET.typeOf(localNanos)).isEqualTo("bigint");
    assertThat(AVRO.typeOf(nanos)).isEqualTo("bigint");
  }

  @Test
  void datesAreDates() {
    Schema date = logical(LogicalTypes.date(), Schema.Type.INT);

    assertThat(PARQUET.typeOf(date)).isEqualTo("date");
    assertThat(AVRO.typeOf(date)).isEqualTo("date");
  }

  @Test
  void decimalsKeepPrecisionAndScaleExceptOnFixedInTheAvroTable() {
    Schema onBytes = LogicalTypes.decimal(10, 2).addToSchema(Schema.create(Schema.Type.BYTES));
    Schema onFixed =
        LogicalTypes.decimal(20, 4).addToSchema(Schema.createFixed("Amount", null, null, 9));

    assertThat(PARQUET.typeOf(onBytes)).isEqualTo("decimal(10,2)");
    assertThat(PARQUET.typeOf(onFixed)).isEqualTo("decimal(20,4)");
    assertThat(AVRO.typeOf(onBytes)).isEqualTo("decimal(10,2)");
    assertThat(AVRO.typeOf(onFixed)).isEqualTo("binary");
  }

  @Test
  void decimalsWiderThanAthenasAreBinaryOnBytesAndLeftOutOnFixed() {
    Schema onBytes = LogicalTypes.decimal(40, 2).addToSchema(Schema.create(Schema.Type.BYTES));
    Schema onFixed =
        LogicalTypes.decimal(40, 2).addToSchema(Schema.createFixed("Huge", null, null, 17));

    assertThat(PARQUET.typeOf(onBytes)).isEqualTo("binary");
    assertThat(AVRO.typeOf(onFixed)).isEqualTo("binary");
    assertThatThrownBy(() -> PARQUET.typeOf(onFixed))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Parquet holds this decimal of more than 38 digits as a fixed, which Athena reads as no"
                + " type; the Avro table has it as binary");
  }

  @Test
  void uuidsKeepTheirUnderlyingType() {
    Schema onString = logical(LogicalTypes.uuid(), Schema.Type.STRING);
    Schema onFixed = LogicalTypes.uuid().addToSchema(Schema.createFixed("Id", null, null, 16));

    assertThat(PARQUET.typeOf(onString)).isEqualTo("string");
    assertThat(AVRO.typeOf(onString)).isEqualTo("string");
    assertThat(PARQUET.typeOf(onFixed)).isEqualTo("binary");
  }

  @Test
  void timeMillisIsLeftOutOfParquetAndAnIntInAvro() {
    Schema timeMillis = logical(LogicalTypes.timeMillis(), Schema.Type.INT);
    Schema timeMicros = logical(LogicalTypes.timeMicros(), Schema.Type.LONG);

    assertThat(AVRO.typeOf(timeMillis)).isEqualTo("int");
    assertThat(PARQUET.typeOf(timeMicros)).isEqualTo("bigint");
    assertThat(AVRO.typeOf(timeMicros)).isEqualTo("bigint");
    assertThatThrownBy(() -> PARQUET.typeOf(timeMillis))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "Parquet holds Avro time-millis as INT32 TIME(MILLIS), which Athena reads as no type;"
                + " the Avro table has it as int (milliseconds after midnight)");
  }

  @Test
  void enumsAreStrings() {
    Schema device = SchemaBuilder.enumeration("Device").symbols("DESKTOP", "MOBILE");

    assertThat(PARQUET.typeOf(device)).isEqualTo("string");
    assertThat(AVRO.typeOf(device)).isEqualTo("string");
  }

  @Test
  void fixedIsBinary() {
    Schema hash = SchemaBuilder.fixed("Md5").size(16);

    assertThat(PARQUET.typeOf(hash)).isEqualTo("binary");
    assertThat(AVRO.typeOf(hash)).isEqualTo("binary");
  }

  @Test
  void arraysNestAndKeepNullableElements() {
    Schema tags = SchemaBuilder.array().items().nullable().stringType();
    Schema matrix = SchemaBuilder.array().items().array().items().intType();

    assertThat(PARQUET.typeOf(tags)).isEqualTo("array<string>");
    assertThat(PARQUET.typeOf(matrix)).isEqualTo("array<array<int>>");
    assertThat(AVRO.typeOf(matrix)).isEqualTo("array<array<int>>");
  }

  @Test
  void mapsHaveStringKeys() {
    Schema counts = SchemaBuilder.map().values().longType();
    Schema lists = SchemaBuilder.map().values().array().items().stringType();

    assertThat(PARQUET.typeOf(counts)).isEqualTo("map<string,bigint>");
    assertThat(AVRO.typeOf(lists)).isEqualTo("map<string,array<string>>");
  }

  @Test
  void nestedRecordsAreStructsWithQuotedLowerCaseFieldNames() {
    Schema geo =
        SchemaBuilder.record("Geo")
            .fields()
            .requiredDouble("lat")
            .requiredDouble("lon")
            .endRecord();
    Schema header =
        SchemaBuilder.record("Header")
            .fields()
            .requiredString("Id")
            .name("date")
            .type(logical(LogicalTypes.date(), Schema.Type.INT))
            .noDefault()
            .name("geo")
            .type(geo)
            .noDefault()
            .endRecord();

    assertThat(PARQUET.typeOf(header))
        .isEqualTo("struct<`id`:string,`date`:date,`geo`:struct<`lat`:double,`lon`:double>>");
  }

  @Test
  void nullableUnionsAreTheirNonNullTypeWhicheverSideNullIsOn() {
    Schema nullFirst = SchemaBuilder.unionOf().nullType().and().stringType().endUnion();
    Schema nullLast = SchemaBuilder.unionOf().longType().and().nullType().endUnion();
    Schema timestamp = logical(LogicalTypes.timestampMillis(), Schema.Type.LONG);
    Schema nullableTimestamp = Schema.createUnion(Schema.create(Schema.Type.NULL), timestamp);

    assertThat(PARQUET.typeOf(nullFirst)).isEqualTo("string");
    assertThat(PARQUET.typeOf(nullLast)).isEqualTo("bigint");
    assertThat(AVRO.typeOf(nullLast)).isEqualTo("bigint");
    assertThat(PARQUET.typeOf(nullableTimestamp)).isEqualTo("timestamp");
  }

  @Test
  void multiTypeUnionsAreStructsOfMembersInParquetAndOfTagAndFieldsInAvro() {
    Schema item = SchemaBuilder.record("Item").fields().requiredString("sku").endRecord();
    Schema union =
        SchemaBuilder.unionOf()
            .nullType()
            .and()
            .intType()
            .and()
            .stringType()
            .and()
            .type(item)
            .endUnion();

    assertThat(PARQUET.typeOf(union))
        .isEqualTo("struct<`member0`:int,`member1`:string,`member2`:struct<`sku`:string>>");
    assertThat(AVRO.typeOf(union))
        .isEqualTo(
            "struct<`tag`:tinyint,`field0`:int,`field1`:string,`field2`:struct<`sku`:string>>");
  }

  @Test
  void unreadableFieldsAreDroppedFromTheirStructAndReportedWithTheirPath() {
    Schema timeMillis = logical(LogicalTypes.timeMillis(), Schema.Type.INT);
    Schema timing =
        SchemaBuilder.record("Timing")
            .fields()
            .name("started")
            .type(timeMillis)
            .noDefault()
            .requiredLong("duration_ms")
            .endRecord();
    Schema event =
        SchemaBuilder.record("Event")
            .fields()
            .requiredString("event_id")
            .name("timing")
            .type(timing)
            .noDefault()
            .name("laps")
            .type()
            .array()
            .items(timeMillis)
            .noDefault()
            .endRecord();

    TableColumns parquet = PARQUET.columns(event);
    TableColumns avro = AVRO.columns(event);

    assertThat(parquet.columns())
        .containsExactly(
            new AthenaColumn("event_id", "string"),
            new AthenaColumn("timing", "struct<`duration_ms`:bigint>"));
    assertThat(parquet.omitted())
        .extracting(OmittedField::path)
        .containsExactly("timing.started", "laps[]");
    assertThat(avro.columns())
        .extracting(AthenaColumn::type)
        .containsExactly("string", "struct<`started`:int,`duration_ms`:bigint>", "array<int>");
    assertThat(avro.omitted()).isEmpty();
  }

  @Test
  void refusesARecursiveRecord() {
    Schema node =
        SchemaBuilder.record("Node")
            .namespace("t")
            .fields()
            .requiredString("id")
            .name("children")
            .type()
            .array()
            .items()
            .type("t.Node")
            .noDefault()
            .endRecord();
    Schema tree =
        SchemaBuilder.record("Tree").fields().name("root").type(node).noDefault().endRecord();

    assertThatThrownBy(() -> PARQUET.columns(tree))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "cannot declare field 'root.children[]' in Athena: record t.Node contains itself, and"
                + " Athena types cannot nest forever");
  }

  @Test
  void refusesNamesThatOnlyDifferInCase() {
    Schema event =
        SchemaBuilder.record("Event")
            .fields()
            .requiredString("userId")
            .requiredString("userid")
            .endRecord();

    assertThatThrownBy(() -> AVRO.columns(event))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "cannot declare field 'userid' in Athena: Athena lower-cases names, so it is the same"
                + " column as 'userId'; rename one of them");
  }

  @Test
  void refusesFieldsThatCanOnlyBeNull() {
    Schema onlyNull =
        SchemaBuilder.record("Event")
            .fields()
            .name("nothing")
            .type(Schema.createUnion(Schema.create(Schema.Type.NULL)))
            .noDefault()
            .endRecord();

    assertThatThrownBy(() -> PARQUET.columns(onlyNull))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "cannot declare field 'nothing' in Athena: its union holds only null, which no column"
                + " can hold; remove the field");
  }

  @Test
  void identifiersAreLowerCasedAndQuotedWithBackticks() {
    assertThat(AthenaNames.quote("Date")).isEqualTo("`date`");
    assertThat(AthenaNames.quote("_id")).isEqualTo("`_id`");
    assertThat(new AthenaColumn("eventTime", "timestamp").declaration())
        .isEqualTo("`eventtime` timestamp");
    assertThat(AthenaNames.tableNameFor("Click-Events")).isEqualTo("click_events");
    assertThatThrownBy(() -> AthenaNames.quote("a`b"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("'a`b' cannot be an Athena identifier: it is empty or contains a backtick");
    assertThatThrownBy(() -> AthenaNames.checkedTableName("my.table", "--table"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "--table gives the name 'my.table', which Athena does not accept: use 1 to 255 letters,"
                + " digits and underscores");
  }

  @Test
  void s3aLocationsBecomeS3AndLocalOnesStayAsTheyAre() {
    AthenaLocation s3 =
        AthenaLocation.of(StoreUri.parse("s3a://acme-events/compacted"), "parquet/clicks");
    AthenaLocation bucketRoot =
        AthenaLocation.of(StoreUri.parse("s3a://acme-events"), "avro/clicks");
    AthenaLocation local = AthenaLocation.of(StoreUri.parse("file:///data/out"), "parquet/clicks");

    assertThat(s3)
        .isEqualTo(new AthenaLocation("s3://acme-events/compacted/parquet/clicks/", true));
    assertThat(s3.partitionTemplate())
        .isEqualTo("s3://acme-events/compacted/parquet/clicks/dt=${dt}/hr=${hr}/");
    assertThat(bucketRoot.uri()).isEqualTo("s3://acme-events/avro/clicks/");
    assertThat(local).isEqualTo(new AthenaLocation("file:///data/out/parquet/clicks/", false));
  }

  private static Schema primitive(Schema.Type type) {
    return Schema.create(type);
  }

  private static Schema logical(LogicalType logicalType, Schema.Type type) {
    return logicalType.addToSchema(Schema.create(type));
  }
}
