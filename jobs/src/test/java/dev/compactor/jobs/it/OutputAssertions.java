package dev.compactor.jobs.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compactor.domain.PartitionId;
import dev.compactor.layout.Layout;
import java.sql.Timestamp;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.generic.GenericRecord;

/** Invariants of a compacted window, checked with the independent readers. */
public final class OutputAssertions {

  private OutputAssertions() {}

  /**
   * Every expected partition has exactly one Avro and one Parquet object holding exactly the
   * expected winners (no duplicate IDs, nothing missing), in the same order, and nothing else
   * exists.
   */
  public static void assertOutputsMatch(
      CompactorHarness harness, Map<PartitionId, Map<String, GenericRecord>> expected)
      throws Exception {
    Set<String> expectedKeys = new HashSet<>();
    for (var entry : expected.entrySet()) {
      PartitionId partition = entry.getKey();
      String avroKey = harness.outputKey(Layout.AVRO, partition);
      String parquetKey = harness.outputKey(Layout.PARQUET, partition);
      expectedKeys.add(avroKey);
      expectedKeys.add(parquetKey);

      List<GenericRecord> avro = IndependentReaders.avro(harness.readOutput(avroKey));
      assertNoDuplicates(avro, avroKey);
      assertThat(avro).as("rows of %s", avroKey).hasSize(entry.getValue().size());
      for (GenericRecord record : avro) {
        assertThat(record)
            .as("winner in %s", avroKey)
            .isEqualTo(entry.getValue().get(record.get("event_id").toString()));
      }
      assertSortedByEventTime(avro, avroKey);

      List<Map<String, Object>> parquet =
          IndependentReaders.parquet(harness.readOutput(parquetKey), harness.scratch());
      assertSameRows(avro, parquet, parquetKey);
    }
    assertThat(harness.outputObjects().keySet())
        .as("output objects")
        .containsExactlyInAnyOrderElementsOf(expectedKeys);
  }

  public static void assertNoDuplicates(List<GenericRecord> records, String source) {
    Set<String> ids = new HashSet<>();
    for (GenericRecord r : records) {
      assertThat(ids.add(r.get("event_id").toString()))
          .as("duplicate %s in %s", r.get("event_id"), source)
          .isTrue();
    }
  }

  private static void assertSortedByEventTime(List<GenericRecord> records, String source) {
    List<Long> times = new ArrayList<>();
    records.forEach(r -> times.add((Long) r.get("event_time")));
    assertThat(times).as("event_time order in %s", source).isSorted();
  }

  /** Avro and Parquet hold the same rows in the same order, field by field. */
  private static void assertSameRows(
      List<GenericRecord> avro, List<Map<String, Object>> parquet, String source) {
    assertThat(parquet).as("rows of %s", source).hasSize(avro.size());
    for (int i = 0; i < avro.size(); i++) {
      GenericRecord a = avro.get(i);
      Map<String, Object> p = parquet.get(i);
      assertThat(p.get("event_id"))
          .as("row %d of %s", i, source)
          .isEqualTo(a.get("event_id").toString());
      assertThat(epochMillis(p.get("event_time"))).isEqualTo(a.get("event_time"));
      assertThat(epochMillis(p.get("received_at"))).isEqualTo(a.get("received_at"));
      assertThat(p.get("user_id")).isEqualTo(a.get("user_id").toString());
      assertThat(p.get("page")).isEqualTo(a.get("page").toString());
      assertThat(((Number) p.get("duration_ms")).longValue()).isEqualTo(a.get("duration_ms"));
      assertThat(String.valueOf(p.get("device"))).isEqualTo(a.get("device").toString());
      assertThat(p.get("referrer") == null ? null : p.get("referrer").toString())
          .isEqualTo(a.get("referrer") == null ? null : a.get("referrer").toString());
    }
  }

  static long epochMillis(Object value) {
    if (value instanceof OffsetDateTime t) {
      return t.toInstant().toEpochMilli();
    }
    if (value instanceof Timestamp t) {
      return t.getTime();
    }
    if (value instanceof LocalDateTime t) {
      return t.toInstant(ZoneOffset.UTC).toEpochMilli();
    }
    throw new AssertionError(
        "not a timestamp: " + value + " (" + (value == null ? null : value.getClass()) + ")");
  }
}
