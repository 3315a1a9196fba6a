package dev.compactor.jobs.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compactor.dedupe.FieldPath;
import dev.compactor.dedupe.RecordOrdering;
import dev.compactor.dedupe.ResolvedField;
import dev.compactor.dedupe.SortKey;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

/**
 * Survivors come out in the order their IDs first arrived: a carried output, added first and
 * already in output order, is then one sorted run, and sorting after a replay is a single pass.
 */
class TestDeduplicator {

  private static final Schema SCHEMA =
      SchemaBuilder.record("Event")
          .fields()
          .requiredString("id")
          .requiredLong("received_at")
          .endRecord();

  @Test
  void survivorsKeepTheOrderTheirIdsFirstArrivedIn() {
    Deduplicator dedupe =
        new Deduplicator(
            ResolvedField.resolve(FieldPath.parse("id"), SCHEMA).orElseThrow(),
            new RecordOrdering(SCHEMA, List.of(SortKey.parse("received_at asc"))));
    GenericRecord z = event("z", 5);
    GenericRecord m = event("m", 5);
    GenericRecord a = event("a", 5);
    GenericRecord earlierM = event("m", 1);
    for (GenericRecord r : List.of(z, m, a, event("z", 9), earlierM)) {
      dedupe.add(r);
    }

    assertThat(dedupe.survivors())
        .as("z's later copy loses, m's earlier copy wins in m's place")
        .containsExactly(z, earlierM, a);
    assertThat(dedupe.duplicatesDropped()).isEqualTo(2);
  }

  private static GenericRecord event(String id, long receivedAt) {
    GenericData.Record r = new GenericData.Record(SCHEMA);
    r.put("id", id);
    r.put("received_at", receivedAt);
    return r;
  }
}
