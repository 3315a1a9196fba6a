package dev.compactor.jobs.rewrite;

import dev.compactor.dedupe.ResolvedField;
import dev.compactor.domain.Hour;
import org.apache.avro.generic.GenericRecord;

/**
 * Tells whether a record's event time lies outside the hour of the partition it was written to.
 * Such records are kept (upstream partitions by arrival, and late events are real data) but
 * counted, so a clock or partitioning bug upstream shows up in the run report and metrics.
 */
public final class EventTimeCheck {

  private final ResolvedField field;
  private final long startMillis;
  private final long endMillis;

  /** {@code field} null means no check. */
  public EventTimeCheck(ResolvedField field, Hour hour) {
    this.field = field;
    this.startMillis = hour.startInstant().toEpochMilli();
    this.endMillis = hour.plusHours(1).startInstant().toEpochMilli();
  }

  public boolean outsideHour(GenericRecord record) {
    if (field == null) {
      return false;
    }
    // A missing or null time cannot be placed; it is not counted as outside.
    return field.valueOf(record) instanceof Long millis
        && (millis < startMillis || millis >= endMillis);
  }
}
