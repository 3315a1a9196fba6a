package dev.compactor.jobs.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compactor.domain.PartitionId;
import dev.compactor.jobs.it.CompactorHarness.Backend;
import dev.compactor.jobs.run.ExitCode;
import dev.compactor.jobs.run.RunOutcome;
import dev.compactor.layout.Layout;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Event IDs of Avro type {@code bytes} (16-byte UUIDs are common) are compared, hashed and counted
 * by their content everywhere: dedupe, spilling and verify. Their {@code ByteBuffer.toString()}
 * names only position and limit, so every ID of one length looked the same to code that used it.
 */
class ITBytesEventIds {

  private static final Schema SCHEMA =
      SchemaBuilder.record("Event")
          .namespace("dev.compactor.test")
          .fields()
          .requiredBytes("id")
          .requiredLong("received_at")
          .requiredLong("event_time")
          .requiredString("payload")
          .endRecord();

  private static final PartitionId PARTITION = new PartitionId(CompactorHarness.LAST_HOUR, 1);

  @TempDir Path dir;

  @Test
  void bytesIdsDedupeAndVerifyCleanInMemoryAndSpilled() throws Exception {
    try (CompactorHarness h = CompactorHarness.create(Backend.S3, dir)) {
      h.setReaderSchema(
          SCHEMA.toString(),
          Map.of(
              "event-type.clicks.event-id", "id",
              "event-type.clicks.winner", "received_at asc",
              "event-type.clicks.sort", "event_time asc",
              "event-type.clicks.event-time", ""));
      int distinct = writeInputs(h, 3, 3_000);

      RunOutcome run = h.run();

      assertThat(run.exitCode()).isEqualTo(ExitCode.DONE);
      List<GenericRecord> rows =
          IndependentReaders.avro(h.readOutput(h.outputKey(Layout.AVRO, PARTITION)));
      assertThat(rows).hasSize(distinct);
      assertThat(h.verify(h.window()).problems()).as("no false duplicates").isEmpty();

      byte[] inMemory = h.readOutput(h.outputKey(Layout.AVRO, PARTITION));
      h.deleteManifests();
      h.set("spark.task-memory-mb", "1");
      assertThat(h.run().exitCode()).isEqualTo(ExitCode.DONE);
      assertThat(h.readOutput(h.outputKey(Layout.AVRO, PARTITION)))
          .as("spilled")
          .isEqualTo(inMemory);
    }
  }

  /**
   * Files of random 16-byte IDs, a tenth of them delivered again in a later file; returns distinct
   * IDs.
   */
  private static int writeInputs(CompactorHarness h, int files, int perFile) {
    Random random = new Random(71);
    Set<ByteBuffer> ids = new HashSet<>();
    List<GenericRecord> previous = List.of();
    String folder =
        h.storage()
            .input()
            .key(
                h.inputLayout().partitionPrefix("clicks", PARTITION.hour(), PARTITION.bucket(), 2));
    long hourStart = PARTITION.hour().startInstant().toEpochMilli();
    for (int f = 0; f < files; f++) {
      List<GenericRecord> records = new ArrayList<>();
      for (int i = 0; i < perFile; i++) {
        GenericRecord r = new GenericData.Record(SCHEMA);
        if (i % 10 == 0 && !previous.isEmpty()) {
          GenericRecord copy = previous.get(i);
          r.put("id", copy.get("id"));
        } else {
          byte[] id = new byte[16];
          random.nextBytes(id);
          r.put("id", ByteBuffer.wrap(id));
        }
        r.put("received_at", hourStart + f * 60_000L + i);
        r.put("event_time", hourStart + random.nextInt(3_600_000));
        r.put("payload", "p" + i);
        ids.add((ByteBuffer) r.get("id"));
        records.add(r);
      }
      h.storage()
          .input()
          .store()
          .put(folder + "/f" + f + ".avro", AvroBytes.write(SCHEMA, records));
      previous = records;
    }
    return ids.size();
  }
}
