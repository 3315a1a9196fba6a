package dev.compactor.dedupe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class TestRecordOrdering {

  private static final Schema SCHEMA =
      SchemaBuilder.record("Event")
          .fields()
          .requiredString("id")
          .optionalLong("received_at")
          .requiredString("payload")
          .name("header")
          .type(SchemaBuilder.record("Header").fields().requiredLong("seq").endRecord())
          .noDefault()
          .endRecord();

  @Test
  void earliestWinsAscending() {
    RecordOrdering ordering = ordering("received_at asc");

    assertThat(ordering.compare(event("a", 1L, "x", 0), event("a", 2L, "x", 0))).isNegative();
  }

  @Test
  void latestWinsDescending() {
    RecordOrdering ordering = ordering("received_at desc");

    assertThat(ordering.compare(event("a", 1L, "x", 0), event("a", 2L, "x", 0))).isPositive();
  }

  @Test
  void nullsSortLastInBothDirections() {
    assertThat(
            ordering("received_at asc").compare(event("a", null, "x", 0), event("a", 5L, "x", 0)))
        .isPositive();
    assertThat(
            ordering("received_at desc").compare(event("a", null, "x", 0), event("a", 5L, "x", 0)))
        .isPositive();
  }

  @Test
  void tiesAreBrokenByCanonicalBytes() {
    RecordOrdering ordering = ordering("received_at asc");
    GenericRecord a = event("a", 1L, "payload-a", 0);
    GenericRecord b = event("a", 1L, "payload-b", 0);

    assertThat(ordering.compare(a, b)).isNegative();
    assertThat(ordering.compare(b, a)).isPositive();
    assertThat(ordering.compare(a, event("a", 1L, "payload-a", 0))).isZero();
  }

  @Test
  void nestedFieldPaths() {
    RecordOrdering ordering = ordering("header.seq desc");

    assertThat(ordering.compare(event("a", 1L, "x", 9), event("a", 1L, "x", 3))).isNegative();
  }

  @Test
  void winnerDoesNotDependOnArrivalOrder() {
    RecordOrdering ordering = ordering("received_at asc");
    List<GenericRecord> copies = new ArrayList<>();
    for (int i = 0; i < 20; i++) {
      copies.add(event("a", (long) (i % 4), "p" + i, i));
    }
    GenericRecord expected = Collections.min(copies, ordering);
    Random random = new Random(7);
    for (int round = 0; round < 10; round++) {
      Collections.shuffle(copies, random);
      assertThat(
              copies.stream().reduce((x, y) -> ordering.compare(x, y) <= 0 ? x : y).orElseThrow())
          .isEqualTo(expected);
    }
  }

  @Test
  void unknownFieldIsRejected() {
    assertThatThrownBy(() -> ordering("nope asc"))
        .hasMessage("field 'nope' does not exist in schema Event");
  }

  @Test
  void parsesDirections() {
    assertThat(SortKey.parse("a.b")).hasToString("a.b asc");
    assertThat(SortKey.parse(" x  DESC ")).hasToString("x desc");
    assertThatThrownBy(() -> SortKey.parse("x sideways"))
        .hasMessageContaining("must be asc or desc");
  }

  private static RecordOrdering ordering(String key) {
    return new RecordOrdering(SCHEMA, List.of(SortKey.parse(key)));
  }

  private static GenericRecord event(String id, Long receivedAt, String payload, long seq) {
    GenericRecord header = new GenericData.Record(SCHEMA.getField("header").schema());
    header.put("seq", seq);
    GenericRecord r = new GenericData.Record(SCHEMA);
    r.put("id", id);
    r.put("received_at", receivedAt);
    r.put("payload", payload);
    r.put("header", header);
    return r;
  }
}
