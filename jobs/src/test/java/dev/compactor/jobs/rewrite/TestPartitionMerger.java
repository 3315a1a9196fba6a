package dev.compactor.jobs.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compactor.config.EventTypeConfig;
import dev.compactor.dedupe.NullIdPolicy;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Spilling to sub-buckets must give exactly what the in-memory merge gives. */
class TestPartitionMerger {

  private static final Schema SCHEMA =
      SchemaBuilder.record("Event")
          .fields()
          .optionalString("id")
          .requiredLong("received_at")
          .requiredLong("event_time")
          .requiredString("payload")
          .endRecord();

  @TempDir Path dir;

  @Test
  void spilledMergeEqualsInMemoryMerge() throws Exception {
    List<GenericRecord> input = records(5_000, 11);

    List<GenericRecord> inMemory = merge(input, 1, NullIdPolicy.KEEP);
    for (int subBuckets : new int[] {2, 7, 64}) {
      assertThat(merge(input, subBuckets, NullIdPolicy.KEEP))
          .as("%d sub-buckets", subBuckets)
          .isEqualTo(inMemory);
    }
    assertThat(inMemory).extracting(r -> (Long) r.get("event_time")).isSorted();
  }

  @Test
  void countsAreTheSameWhenSpilling() throws Exception {
    List<GenericRecord> input = records(2_000, 12);
    long[] expected = counts(input, 1, NullIdPolicy.KEEP);
    assertThat(counts(input, 5, NullIdPolicy.KEEP)).isEqualTo(expected);
    assertThat(expected[0]).isEqualTo(input.size());
    assertThat(expected[1]).as("duplicates").isPositive();
  }

  @Test
  void bytesIdsSpreadOverSubBucketsByTheirContent() {
    Random random = new Random(5);
    int[] perSubBucket = new int[8];
    for (int i = 0; i < 4_000; i++) {
      byte[] id = new byte[16];
      random.nextBytes(id);
      perSubBucket[PartitionMerger.subBucketOf(ByteBuffer.wrap(id), 8)]++;
    }
    // Hashing ByteBuffer.toString() put every 16-byte ID into one sub-bucket: memory without bound.
    assertThat(Arrays.stream(perSubBucket).boxed().toList())
        .allSatisfy(n -> assertThat(n).isBetween(350, 650));
  }

  @Test
  void copiesOfABytesIdInDifferentBuffersShareASubBucket() {
    byte[] id = {1, 2, 3, 4, 5, 6, 7, 8, 9};
    ByteBuffer shifted = ByteBuffer.allocate(20).position(5);
    shifted.put(id).position(5).limit(5 + id.length);
    for (int n : new int[] {3, 7, 64}) {
      assertThat(PartitionMerger.subBucketOf(shifted.slice(), n))
          .isEqualTo(PartitionMerger.subBucketOf(ByteBuffer.wrap(id.clone()), n));
      assertThat(PartitionMerger.subBucketOf(shifted, n))
          .isEqualTo(PartitionMerger.subBucketOf(ByteBuffer.wrap(id.clone()), n));
    }
  }

  @Test
  void copiesThatLoseOrTieLeaveTheCarriedRecordsAsTheSurvivors() throws Exception {
    List<GenericRecord> carried = merge(records(1_000, 13), 1, NullIdPolicy.KEEP);
    List<GenericRecord> withId = carried.stream().filter(r -> r.get("id") != null).toList();
    GenericRecord copy = GenericData.get().deepCopy(SCHEMA, withId.get(0));
    GenericRecord loser = GenericData.get().deepCopy(SCHEMA, withId.get(1));
    loser.put("received_at", (Long) loser.get("received_at") + 1);
    GenericRecord winner = GenericData.get().deepCopy(SCHEMA, withId.get(2));
    winner.put("received_at", (Long) winner.get("received_at") - 1);
    GenericRecord fresh = GenericData.get().deepCopy(SCHEMA, withId.get(3));
    fresh.put("id", "a-new-id");

    assertThat(survivorsAre(carried, List.of(copy, loser), 1)).isTrue();
    assertThat(survivorsAre(carried, List.of(copy, winner), 1)).isFalse();
    assertThat(survivorsAre(carried, List.of(fresh), 1)).isFalse();
    assertThat(survivorsAre(carried, List.of(copy), 3)).as("spilled: not known").isFalse();
  }

  private boolean survivorsAre(
      List<GenericRecord> carried, List<GenericRecord> added, int subBuckets) throws Exception {
    Path scratch = Files.createTempDirectory(dir, "s");
    try (PartitionMerger merger =
        new PartitionMerger(SCHEMA, config(NullIdPolicy.KEEP), subBuckets, scratch)) {
      carried.forEach(merger::add);
      added.forEach(merger::add);
      return merger.survivorsAre(carried);
    }
  }

  private List<GenericRecord> merge(List<GenericRecord> input, int subBuckets, NullIdPolicy policy)
      throws Exception {
    Path scratch = Files.createTempDirectory(dir, "m");
    try (PartitionMerger merger =
        new PartitionMerger(SCHEMA, config(policy), subBuckets, scratch)) {
      input.forEach(r -> merger.add(r));
      List<GenericRecord> out = new ArrayList<>();
      merger.survivors().forEach(out::add);
      List<GenericRecord> again = new ArrayList<>();
      merger.survivors().forEach(again::add);
      return out;
    }
  }

  private long[] counts(List<GenericRecord> input, int subBuckets, NullIdPolicy policy)
      throws Exception {
    Path scratch = Files.createTempDirectory(dir, "c");
    try (PartitionMerger merger =
        new PartitionMerger(SCHEMA, config(policy), subBuckets, scratch)) {
      input.forEach(r -> merger.add(r));
      long out = 0;
      for (GenericRecord ignored : merger.survivors()) {
        out++;
      }
      return new long[] {merger.recordsIn(), merger.duplicatesDropped(), out};
    }
  }

  /** Records with many duplicate IDs (some with different payloads) and a few without an ID. */
  private static List<GenericRecord> records(int n, long seed) {
    Random random = new Random(seed);
    List<GenericRecord> records = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      GenericRecord r = new GenericData.Record(SCHEMA);
      int id = random.nextInt(n / 2);
      r.put("id", random.nextInt(100) == 0 ? null : "id-" + id);
      r.put("received_at", (long) random.nextInt(5));
      r.put("event_time", (long) id * 7 % 1000);
      r.put("payload", "p" + random.nextInt(3));
      records.add(r);
    }
    Collections.shuffle(records, random);
    return records;
  }

  private static EventTypeConfig config(NullIdPolicy policy) {
    return EventTypes.events(SCHEMA, policy, 4, "received_at asc", "event_time asc", "id asc");
  }
}
