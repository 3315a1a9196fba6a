package dev.compactor.jobs.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compactor.config.ParquetCodec;
import dev.compactor.ddl.AthenaColumn;
import dev.compactor.ddl.AthenaTypeMapper;
import dev.compactor.ddl.OmittedField;
import dev.compactor.ddl.TableColumns;
import dev.compactor.jobs.rewrite.ParquetFileWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.assertj.core.api.SoftAssertions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Parquet table's DDL against the Parquet the job writes: a record with every Avro type is
 * written with the job's {@link ParquetFileWriter} and read back by DuckDB, a reader independent of
 * parquet-java. Every column the DDL declares must have the DuckDB type that corresponds to its
 * Athena type (see {@link AthenaToDuckDb}) and hold the values that were written.
 */
class ITAthenaParquetTypes {

  /**
   * Where DuckDB decodes a column by its Parquet annotation while Athena's reader returns the
   * stored number: INT64 TIME(MICROS) is a time of day to DuckDB and a bigint of microseconds to
   * Athena.
   */
  private static final Map<String, String> DECODED_DIFFERENTLY_BY_DUCKDB =
      Map.of("elapsed", "TIME WITH TIME ZONE");

  /**
   * False under the spark35 profile (Parquet 1.13): local timestamps are then plain INT64, declared
   * bigint.
   */
  private static final boolean LOCAL_TIMESTAMPS_ANNOTATED =
      ParquetFileWriter.annotatesLocalTimestamps();

  @TempDir static Path dir;

  private static Path file;
  private static TableColumns ddl;
  private static Map<String, String> duckDbTypes;
  private static List<Map<String, Object>> rowsRead;

  @BeforeAll
  static void writeAndReadBack() throws Exception {
    file = dir.resolve("part-00.parquet");
    new ParquetFileWriter(EveryAvroType.SCHEMA, ParquetCodec.SNAPPY, 1 << 20)
        .write(EveryAvroType.records(), file);
    ddl = AthenaTypeMapper.forParquet(LOCAL_TIMESTAMPS_ANNOTATED).columns(EveryAvroType.SCHEMA);
    byte[] bytes = Files.readAllBytes(file);
    duckDbTypes = new LinkedHashMap<>();
    IndependentReaders.parquetColumnTypes(bytes, dir)
        .forEach((k, v) -> duckDbTypes.put(lower(k), v));
    rowsRead = new ArrayList<>(IndependentReaders.parquet(bytes, dir));
    rowsRead.sort(Comparator.comparing(row -> row.get("event_id").toString()));
  }

  @Test
  void everyDeclaredColumnHasTheDuckDbTypeOfItsAthenaType() {
    assertThat(ddl.columns()).hasSize(EveryAvroType.SCHEMA.getFields().size() - 1);
    SoftAssertions.assertSoftly(
        softly -> {
          for (AthenaColumn column : ddl.columns()) {
            String name = lower(column.name());
            String expected =
                DECODED_DIFFERENTLY_BY_DUCKDB.getOrDefault(
                    name, AthenaToDuckDb.pattern(column.type()).pattern());
            softly
                .assertThat(duckDbTypes.get(name))
                .as("DuckDB type of %s, declared %s", name, column.type())
                .matches(expected);
          }
        });
  }

  @Test
  void theDdlDeclaresTheTypesExpectedForEachAvroType() {
    Map<String, String> declared = new LinkedHashMap<>();
    ddl.columns().forEach(c -> declared.put(c.name(), c.type()));

    assertThat(declared)
        .containsEntry("eventTime", "timestamp")
        .containsEntry("received_micros", "timestamp")
        .containsEntry("local_millis", LOCAL_TIMESTAMPS_ANNOTATED ? "timestamp" : "bigint")
        .containsEntry("nanos", "bigint")
        .containsEntry("date", "date")
        .containsEntry("price", "decimal(10,2)")
        .containsEntry("big_amount", "decimal(20,4)")
        .containsEntry("session_id", "string")
        .containsEntry("elapsed", "bigint")
        .containsEntry("device", "string")
        .containsEntry("md5", "binary")
        .containsEntry("items", "array<struct<`sku`:string,`qty`:int>>")
        .containsEntry("groups", "map<string,array<string>>")
        .containsEntry("user", "struct<`id`:string,`tier`:string>")
        .containsEntry(
            "value",
            "struct<`member0`:int,`member1`:string,`member2`:struct<`amount`:decimal(10,2),`currency`:string>>")
        .containsEntry("choice", "struct<`member0`:bigint,`member1`:boolean>");
  }

  @Test
  void timeMillisIsTheOnlyFieldLeftOut() {
    assertThat(ddl.omitted()).extracting(OmittedField::path).containsExactly("opened_at");
    assertThat(duckDbTypes).containsEntry("opened_at", "TIME WITH TIME ZONE");
  }

  @Test
  void valuesReadBackEqualTheValuesWritten() {
    List<GenericRecord> written = EveryAvroType.records();
    assertThat(rowsRead).hasSameSizeAs(written);
    for (int i = 0; i < written.size(); i++) {
      GenericRecord record = written.get(i);
      Map<String, Object> row = new LinkedHashMap<>();
      rowsRead.get(i).forEach((k, v) -> row.put(lower(k), DuckDbValues.normalize(v)));
      for (AthenaColumn column : ddl.columns()) {
        Schema.Field field = EveryAvroType.SCHEMA.getField(column.name());
        Object value = record.get(field.name());
        assertThat(row.get(lower(column.name())))
            .as("%s of %s", column.name(), record.get("event_id"))
            .isEqualTo(
                isUnannotatedLocalTimestamp(field)
                    ? value
                    : AvroValues.expected(field.schema(), value));
      }
    }
  }

  @Test
  void timestampsAreInt64WithATimestampAnnotationNeverInt96() throws Exception {
    Map<String, String> physical = new LinkedHashMap<>();
    Map<String, String> logical = new LinkedHashMap<>();
    String sql = "SELECT name, type, logical_type FROM parquet_schema('" + file + "')";
    try (Connection c = DriverManager.getConnection("jdbc:duckdb:");
        Statement s = c.createStatement();
        ResultSet rs = s.executeQuery(sql)) {
      while (rs.next()) {
        physical.put(rs.getString(1), String.valueOf(rs.getString(2)));
        logical.put(rs.getString(1), String.valueOf(rs.getString(3)));
      }
    }

    assertThat(physical.values()).doesNotContain("INT96");
    for (String column : List.of("eventTime", "received_micros", "local_millis", "local_micros")) {
      assertThat(physical.get(column)).as(column).isEqualTo("INT64");
    }
    for (String column : List.of("eventTime", "received_micros")) {
      assertThat(logical.get(column)).as(column).startsWith("TimestampType(");
    }
    for (String column : List.of("local_millis", "local_micros")) {
      if (LOCAL_TIMESTAMPS_ANNOTATED) {
        assertThat(logical.get(column)).as(column).startsWith("TimestampType(");
      } else {
        assertThat(logical.get(column)).as(column + ", declared bigint").isEqualTo("null");
      }
    }
  }

  private static boolean isUnannotatedLocalTimestamp(Schema.Field field) {
    return !LOCAL_TIMESTAMPS_ANNOTATED
        && field.schema().getLogicalType() != null
        && field.schema().getLogicalType().getName().startsWith("local-timestamp");
  }

  private static String lower(String name) {
    return name.toLowerCase(Locale.ROOT);
  }
}
