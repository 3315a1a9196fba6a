package dev.compactor.ddl;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.compactor.layout.Layout;
import dev.compactor.store.StoreUri;
import java.time.LocalDate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.junit.jupiter.api.Test;

/** The CREATE TABLE statements: columns, partitioning, storage clauses and partition projection. */
class TestAthenaDdl {

  private static final StoreUri S3_ROOT = StoreUri.parse("s3a://acme-events/compacted");

  private static final Schema CLICK =
      SchemaBuilder.record("Click")
          .namespace("dev.compactor.sample")
          .doc("A page click; the 'earliest' copy wins")
          .fields()
          .requiredString("event_id")
          .name("event_time")
          .type(LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG)))
          .noDefault()
          .name("user")
          .type()
          .nullable()
          .stringType()
          .noDefault()
          .endRecord();

  @Test
  void parquetTableIsProjectedOnDtAndHr() {
    String ddl =
        AthenaDdl.builder(new Layout("clicks", 2), CLICK, S3_ROOT)
            .database("analytics")
            .build()
            .parquet();

    assertThat(ddl)
        .isEqualTo(
            """
            -- clicks, parquet output: s3://acme-events/compacted/parquet/clicks/dt=YYYY-MM-DD/hr=HH/
            -- Partition projection on dt and hr: new hours are queryable at once, with no crawler and no MSCK REPAIR TABLE.
            CREATE EXTERNAL TABLE IF NOT EXISTS `analytics`.`clicks` (
              `event_id` string,
              `event_time` timestamp,
              `user` string
            )
            PARTITIONED BY (`dt` string, `hr` int)
            STORED AS PARQUET
            LOCATION 's3://acme-events/compacted/parquet/clicks/'
            TBLPROPERTIES (
              'projection.enabled' = 'true',
              'projection.dt.type' = 'date',
              'projection.dt.format' = 'yyyy-MM-dd',
              'projection.dt.range' = '2020-01-01,NOW',
              'projection.dt.interval' = '1',
              'projection.dt.interval.unit' = 'DAYS',
              'projection.hr.type' = 'integer',
              'projection.hr.range' = '0,23',
              'projection.hr.digits' = '2',
              'storage.location.template' = 's3://acme-events/compacted/parquet/clicks/dt=${dt}/hr=${hr}/'
            );
            """);
  }

  @Test
  void avroTableUsesTheAvroSerdeWithTheReaderSchemaAsLiteral() {
    String ddl = AthenaDdl.builder(new Layout("clicks", 2), CLICK, S3_ROOT).build().avro();

    assertThat(ddl)
        .contains("CREATE EXTERNAL TABLE IF NOT EXISTS `clicks_avro` (\n  `event_id` string,\n")
        .contains(
            "\nPARTITIONED BY (`dt` string, `hr` int)\n"
                + "ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.avro.AvroSerDe'\n"
                + "WITH SERDEPROPERTIES ('avro.schema.literal' = '")
        .contains("')\nSTORED AS AVRO\nLOCATION 's3://acme-events/compacted/avro/clicks/'\n")
        .contains(
            "'storage.location.template' ="
                + " 's3://acme-events/compacted/avro/clicks/dt=${dt}/hr=${hr}/'");
    assertThat(new Schema.Parser().parse(schemaLiteral(ddl))).isEqualTo(CLICK);
  }

  @Test
  void schemaLiteralEscapesQuotesAndBackslashesTheWayHiveReadsThem() {
    String ddl = AthenaDdl.builder(new Layout("clicks", 2), CLICK, S3_ROOT).build().avro();

    assertThat(ddl).contains("A page click; the \\'earliest\\' copy wins");
    assertThat(HiveLiteral.quote("a\\\"b'c")).isEqualTo("'a\\\\\"b\\'c'");
  }

  @Test
  void tableFlagNamesBothTablesAndSinceStartsTheProjection() {
    AthenaDdl ddl =
        AthenaDdl.builder(new Layout("click-events", 2), CLICK, S3_ROOT)
            .table("Web_Clicks")
            .since(LocalDate.of(2026, 11, 1))
            .build();

    assertThat(ddl.parquet())
        .contains("CREATE EXTERNAL TABLE IF NOT EXISTS `web_clicks` (")
        .contains("LOCATION 's3://acme-events/compacted/parquet/click-events/'")
        .contains("'projection.dt.range' = '2026-11-01,NOW'");
    assertThat(ddl.avro()).contains("CREATE EXTERNAL TABLE IF NOT EXISTS `web_clicks_avro` (");
    assertThat(
            AthenaDdl.builder(new Layout("click-events", 2), CLICK, S3_ROOT)
                .build()
                .statement(TableFormat.PARQUET))
        .contains("`click_events` (");
  }

  @Test
  void localRootsGetTheirPathAndAWarningThatAthenaNeedsS3() {
    String ddl =
        AthenaDdl.builder(new Layout("clicks", 2), CLICK, StoreUri.parse("file:///data/out"))
            .build()
            .parquet();

    assertThat(ddl)
        .contains(
            "-- output.root is not on S3: Athena reads only s3:// locations, so this table works"
                + " only in an engine that reads file:///data/out/parquet/clicks/\n")
        .contains("LOCATION 'file:///data/out/parquet/clicks/'")
        .contains(
            "'storage.location.template' = 'file:///data/out/parquet/clicks/dt=${dt}/hr=${hr}/'");
  }

  @Test
  void leftOutFieldsAreNamedInAComment() {
    Schema withTime =
        SchemaBuilder.record("Visit")
            .fields()
            .requiredString("event_id")
            .name("opened_at")
            .type(LogicalTypes.timeMillis().addToSchema(Schema.create(Schema.Type.INT)))
            .noDefault()
            .endRecord();

    AthenaDdl ddl = AthenaDdl.builder(new Layout("visits", 2), withTime, S3_ROOT).build();

    assertThat(ddl.parquet())
        .contains("-- left out: opened_at: Parquet holds Avro time-millis as INT32 TIME(MILLIS)")
        .doesNotContain("`opened_at`");
    assertThat(ddl.avro()).contains("  `opened_at` int\n").doesNotContain("left out");
  }

  @Test
  void refusesFieldsNamedLikeAPartitionColumn() {
    Schema withHr =
        SchemaBuilder.record("Beat")
            .fields()
            .requiredString("event_id")
            .requiredInt("HR")
            .endRecord();

    assertThatThrownBy(
            () -> AthenaDdl.builder(new Layout("beats", 2), withHr, S3_ROOT).build().parquet())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "field 'HR' of Beat has the name of the partition column hr, and an Athena table cannot"
                + " have both; rename the field");
  }

  @Test
  void refusesDatabaseNamesAthenaRejects() {
    assertThatThrownBy(
            () ->
                AthenaDdl.builder(new Layout("clicks", 2), CLICK, S3_ROOT)
                    .database("web-analytics"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(
            "the database gives the name 'web-analytics', which Athena does not accept: use 1 to"
                + " 255 letters, digits and underscores");
  }

  /**
   * The schema literal as Athena hands it to the SerDe: the DDL literal with Hive's escapes undone.
   */
  private static String schemaLiteral(String ddl) {
    Matcher m = Pattern.compile("'avro\\.schema\\.literal' = '((?:[^'\\\\]|\\\\.)*)'").matcher(ddl);
    assertThat(m.find()).as("schema literal in %s", ddl).isTrue();
    return m.group(1).replaceAll("\\\\(.)", "$1");
  }
}
