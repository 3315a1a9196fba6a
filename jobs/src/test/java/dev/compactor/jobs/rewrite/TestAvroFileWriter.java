package dev.compactor.jobs.rewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.compactor.config.AvroCodec;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/** Copying a file's blocks under a new sync marker must give the bytes a fresh write gives. */
class TestAvroFileWriter {

  private static final Schema SCHEMA =
      SchemaBuilder.record("Event")
          .fields()
          .requiredString("id")
          .requiredLong("event_time")
          .requiredString("payload")
          .endRecord();

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(AvroCodec.class)
  void aReframedFileIsTheFileAFreshWriteGives(AvroCodec codec) throws Exception {
    // Enough records for many blocks (the writer cuts one every 64,000 encoded bytes).
    List<GenericRecord> records = records(20_000);
    AvroFileWriter writer = new AvroFileWriter(SCHEMA, codec);
    Path before = dir.resolve("before.avro");
    Path fresh = dir.resolve("fresh.avro");
    Path reframed = dir.resolve("reframed.avro");
    writer.write(records, before, sync(1));
    writer.write(records, fresh, sync(2));

    writer.reframe(Files.readAllBytes(before), reframed, sync(2));

    assertThat(Files.readAllBytes(reframed)).isEqualTo(Files.readAllBytes(fresh));
    assertThat(Files.readAllBytes(reframed)).isNotEqualTo(Files.readAllBytes(before));
  }

  @Test
  void aFileOfAnotherCodecOrSchemaIsRefused() throws Exception {
    Path snappy = dir.resolve("snappy.avro");
    new AvroFileWriter(SCHEMA, AvroCodec.SNAPPY).write(records(10), snappy, sync(1));
    byte[] bytes = Files.readAllBytes(snappy);
    Schema other = SchemaBuilder.record("Other").fields().requiredString("id").endRecord();

    assertThatThrownBy(
            () ->
                new AvroFileWriter(SCHEMA, AvroCodec.DEFLATE)
                    .reframe(bytes, dir.resolve("d"), sync(2)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("snappy");
    assertThatThrownBy(
            () ->
                new AvroFileWriter(other, AvroCodec.SNAPPY)
                    .reframe(bytes, dir.resolve("o"), sync(2)))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static byte[] sync(int seed) {
    byte[] sync = new byte[16];
    new Random(seed).nextBytes(sync);
    return sync;
  }

  private static List<GenericRecord> records(int n) {
    Random random = new Random(7);
    List<GenericRecord> records = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      GenericRecord r = new GenericData.Record(SCHEMA);
      r.put("id", "id-" + i);
      r.put("event_time", (long) i * 1000);
      r.put("payload", "p" + random.nextInt(1_000_000));
      records.add(r);
    }
    return records;
  }
}
