package dev.compactor.jobs.rewrite;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.compactor.dedupe.FieldPath;
import dev.compactor.dedupe.NullIdPolicy;
import dev.compactor.dedupe.ResolvedField;
import dev.compactor.domain.InputFile;
import dev.compactor.domain.Quarantined;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class TestNullIdScreen {

  private static final Schema SCHEMA =
      SchemaBuilder.record("E").fields().optionalString("id").endRecord();
  private static final InputFile FILE =
      new InputFile("raw/f.avro", 10, "etag", "0123456789abcdef0123456789abcdef");
  private static final List<GenericRecord> RECORDS =
      List.of(withId("a"), withId(null), withId("b"), withId(null));

  @Test
  void keepPassesEveryRecord() {
    NullIdScreen.Screened screened = screen(NullIdPolicy.KEEP, RECORDS);
    assertThat(screened.kept()).isEqualTo(RECORDS);
    assertThat(screened.quarantined()).isEmpty();
  }

  @Test
  void quarantineLeavesOutNullIdsAndNamesTheFileWithItsMd5() {
    NullIdScreen.Screened screened = screen(NullIdPolicy.QUARANTINE, RECORDS);
    assertThat(screened.kept()).extracting(r -> r.get("id").toString()).containsExactly("a", "b");
    Quarantined q = screened.quarantined().orElseThrow();
    assertThat(q.key()).isEqualTo(FILE.key());
    assertThat(q.md5()).isEqualTo(FILE.md5());
    assertThat(q.reason()).contains("2 of 4 record(s)", "null id", "null-id=quarantine", "fix:");
  }

  @Test
  void quarantineWithoutNullIdsRecordsNothing() {
    assertThat(screen(NullIdPolicy.QUARANTINE, List.of(withId("a"))).quarantined()).isEmpty();
  }

  @Test
  void failNamesTheFileAndTheWayOut() {
    assertThatThrownBy(() -> screen(NullIdPolicy.FAIL, RECORDS))
        .isInstanceOf(NullIdScreen.NullEventIdException.class)
        .hasMessageContaining("s3a://b/raw/f.avro")
        .hasMessageContaining("null-id=fail")
        .hasMessageContaining("set null-id to keep or quarantine");
  }

  private static NullIdScreen.Screened screen(NullIdPolicy policy, List<GenericRecord> records) {
    return new NullIdScreen(
            ResolvedField.resolve(FieldPath.parse("id"), SCHEMA).orElseThrow(), policy)
        .screen(FILE, "s3a://b/raw/f.avro", records);
  }

  private static GenericRecord withId(String id) {
    GenericRecord r = new GenericData.Record(SCHEMA);
    r.put("id", id);
    return r;
  }
}
