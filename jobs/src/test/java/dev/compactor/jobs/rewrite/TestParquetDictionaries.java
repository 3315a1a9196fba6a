package dev.compactor.jobs.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compactor.config.ParquetCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.apache.parquet.format.ColumnChunk;
import org.apache.parquet.format.Encoding;
import org.apache.parquet.format.FileMetaData;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The event ID and timestamp columns are written plain; the others keep a dictionary. */
class TestParquetDictionaries {

  private static final Schema MILLIS =
      LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
  private static final Schema SCHEMA =
      SchemaBuilder.record("Click")
          .fields()
          .requiredString("event_id")
          .name("event_time")
          .type(MILLIS)
          .noDefault()
          .name("received_at")
          .type(Schema.createUnion(Schema.create(Schema.Type.NULL), MILLIS))
          .withDefault(null)
          .requiredString("page")
          .requiredLong("duration_ms")
          .endRecord();

  @TempDir Path dir;

  @Test
  void theEventIdAndTimestampColumnsAreThePlainOnes() {
    assertThat(ParquetFileWriter.plainColumns(SCHEMA, Optional.of("event_id")))
        .containsExactly("event_id", "event_time", "received_at");
    assertThat(ParquetFileWriter.plainColumns(SCHEMA, Optional.empty()))
        .containsExactly("event_time", "received_at");
  }

  @Test
  void plainColumnsCarryNoDictionaryPagesAndTheRestDo() throws Exception {
    Path file = dir.resolve("part.parquet");
    new ParquetFileWriter(SCHEMA, ParquetCodec.SNAPPY, 1 << 20, false, Optional.of("event_id"))
        .write(records(2_000), file);

    Map<String, List<Encoding>> encodings = encodingsByColumn(file);
    Set<Encoding> dictionary = Set.of(Encoding.PLAIN_DICTIONARY, Encoding.RLE_DICTIONARY);
    for (String plain : List.of("event_id", "event_time", "received_at")) {
      assertThat(encodings.get(plain)).as(plain).doesNotContainAnyElementsOf(dictionary);
    }
    for (String other : List.of("page", "duration_ms")) {
      assertThat(encodings.get(other)).as(other).containsAnyElementsOf(dictionary);
    }
  }

  private static List<GenericRecord> records(int n) {
    List<GenericRecord> records = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      GenericRecord r = new GenericData.Record(SCHEMA);
      r.put("event_id", UUID.nameUUIDFromBytes(new byte[] {(byte) i, (byte) (i >> 8)}).toString());
      r.put("event_time", 1_700_000_000_000L + i * 997L);
      r.put("received_at", i % 10 == 0 ? null : 1_700_000_000_500L + i * 991L);
      r.put("page", "/page/" + i % 20);
      r.put("duration_ms", (long) (i % 50));
      records.add(r);
    }
    return records;
  }

  private static Map<String, List<Encoding>> encodingsByColumn(Path file) throws Exception {
    FileMetaData[] footer = new FileMetaData[1];
    Path copy = file.resolveSibling("read.parquet");
    Files.copy(file, copy);
    CanonicalParquetFooter.transform(copy, m -> footer[0] = m);
    Map<String, List<Encoding>> byColumn = new HashMap<>();
    for (ColumnChunk chunk : footer[0].getRow_groups().get(0).getColumns()) {
      byColumn.put(
          String.join(".", chunk.getMeta_data().getPath_in_schema()),
          chunk.getMeta_data().getEncodings());
    }
    return byColumn;
  }
}
