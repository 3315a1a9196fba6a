package dev.compactor.jobs.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compactor.config.ParquetCodec;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.hadoop.conf.Configuration;
import org.apache.parquet.avro.AvroParquetReader;
import org.apache.parquet.hadoop.ParquetFileReader;
import org.apache.parquet.hadoop.ParquetReader;
import org.apache.parquet.io.LocalInputFile;
import org.apache.parquet.schema.LogicalTypeAnnotation;
import org.apache.parquet.schema.LogicalTypeAnnotation.TimeUnit;
import org.apache.parquet.schema.MessageType;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TestMicrosTimestamps {

  private static final Schema MILLIS =
      LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
  private static final Schema LOCAL_MILLIS =
      LogicalTypes.localTimestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
  private static final Schema VISIT =
      SchemaBuilder.record("Visit")
          .fields()
          .name("at")
          .type(MILLIS)
          .noDefault()
          .requiredString("page")
          .endRecord();
  private static final Schema EVENT =
      SchemaBuilder.record("Event")
          .namespace("dev.compactor.test")
          .fields()
          .requiredString("id")
          .name("event_time")
          .type(MILLIS)
          .noDefault()
          .name("seen")
          .type()
          .unionOf()
          .nullType()
          .and()
          .type(LOCAL_MILLIS)
          .endUnion()
          .nullDefault()
          .name("visits")
          .type(Schema.createArray(VISIT))
          .noDefault()
          .name("marks")
          .type(Schema.createMap(MILLIS))
          .noDefault()
          .requiredLong("count")
          .endRecord();

  @TempDir Path dir;

  @Test
  void millisecondTimestampsBecomeMicrosecondsWhereverTheyAreAndNothingElseChanges() {
    MicrosTimestamps micros = MicrosTimestamps.of(EVENT);
    Schema target = micros.schema();

    assertThat(target.getField("event_time").schema().getLogicalType())
        .isEqualTo(LogicalTypes.timestampMicros());
    assertThat(target.getField("seen").schema().getTypes().get(1).getLogicalType())
        .isEqualTo(LogicalTypes.localTimestampMicros());
    assertThat(target.getField("visits").schema().getElementType().getField("at").schema())
        .extracting(Schema::getLogicalType)
        .isEqualTo(LogicalTypes.timestampMicros());
    assertThat(target.getField("marks").schema().getValueType().getLogicalType())
        .isEqualTo(LogicalTypes.timestampMicros());
    assertThat(target.getField("count").schema()).isSameAs(EVENT.getField("count").schema());
    assertThat(target.getFullName()).isEqualTo(EVENT.getFullName());

    GenericRecord out = micros.convert(event());

    assertThat(out.get("id")).isEqualTo("e1");
    assertThat(out.get("event_time")).isEqualTo(1_764_633_600_123_000L);
    assertThat(out.get("seen")).isEqualTo(1_764_633_601_456_000L);
    assertThat(((GenericRecord) ((List<?>) out.get("visits")).get(0)).get("at"))
        .isEqualTo(1_764_633_602_789_000L);
    assertThat(((Map<?, ?>) out.get("marks")).get("first")).isEqualTo(5_000L);
    assertThat(out.get("count")).isEqualTo(7L);
  }

  @Test
  void aSchemaWithoutMillisecondTimestampsIsKeptAsItIs() {
    Schema plain = SchemaBuilder.record("Plain").fields().requiredLong("n").endRecord();
    GenericRecord record = new GenericData.Record(plain);
    record.put("n", 3L);

    MicrosTimestamps micros = MicrosTimestamps.of(plain);

    assertThat(micros.schema()).isSameAs(plain);
    assertThat(micros.convert(record)).isSameAs(record);
  }

  @Test
  void theIcebergParquetFileHoldsMicrosecondTimestampsAdjustedToUtc() throws IOException {
    Path file = dir.resolve("part.parquet");
    new ParquetFileWriter(EVENT, ParquetCodec.SNAPPY, 1 << 20, true, Optional.empty())
        .write(List.of(event()), file);

    MessageType footer;
    try (ParquetFileReader reader = ParquetFileReader.open(new LocalInputFile(file))) {
      footer = reader.getFooter().getFileMetaData().getSchema();
    }
    assertThat(footer.getType("event_time").getLogicalTypeAnnotation())
        .isEqualTo(LogicalTypeAnnotation.timestampType(true, TimeUnit.MICROS));
    try (ParquetReader<GenericRecord> reader =
        AvroParquetReader.<GenericRecord>builder(new LocalInputFile(file))
            .withConf(new Configuration(false))
            .build()) {
      // parquet-avro decodes the logical type: the same instant as the millisecond input.
      GenericRecord back = reader.read();
      assertThat(back.get("event_time")).isEqualTo(Instant.ofEpochMilli(1_764_633_600_123L));
    }
  }

  private static GenericRecord event() {
    GenericRecord visit = new GenericData.Record(VISIT);
    visit.put("at", 1_764_633_602_789L);
    visit.put("page", "/");
    GenericRecord event = new GenericData.Record(EVENT);
    event.put("id", "e1");
    event.put("event_time", 1_764_633_600_123L);
    event.put("seen", 1_764_633_601_456L);
    event.put("visits", List.of(visit));
    event.put("marks", Map.of("first", 5L));
    event.put("count", 7L);
    return event;
  }
}
