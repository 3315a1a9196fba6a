package dev.compactor.jobs.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compactor.dedupe.FieldPath;
import dev.compactor.dedupe.ResolvedField;
import dev.compactor.domain.Hour;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;

class TestEventTimeCheck {

  private static final Schema SCHEMA =
      SchemaBuilder.record("E").fields().optionalLong("t").endRecord();
  private static final Hour HOUR = Hour.parse("2026-11-23T17");
  private static final long START = HOUR.startInstant().toEpochMilli();

  @Test
  void theHourIsHalfOpen() {
    EventTimeCheck check =
        new EventTimeCheck(ResolvedField.resolve(FieldPath.parse("t"), SCHEMA).orElseThrow(), HOUR);
    assertThat(check.outsideHour(at(START))).isFalse();
    assertThat(check.outsideHour(at(START + 3_599_999))).isFalse();
    assertThat(check.outsideHour(at(START + 3_600_000))).isTrue();
    assertThat(check.outsideHour(at(START - 1))).isTrue();
    assertThat(check.outsideHour(at(null))).as("an unknown time is not counted").isFalse();
  }

  @Test
  void noFieldMeansNoCheck() {
    assertThat(new EventTimeCheck(null, HOUR).outsideHour(at(0L))).isFalse();
  }

  private static GenericRecord at(Long millis) {
    GenericRecord r = new GenericData.Record(SCHEMA);
    r.put("t", millis);
    return r;
  }
}
