package dev.compactor.jobs.rewrite;

import dev.compactor.dedupe.EventIdKey;
import dev.compactor.dedupe.RecordOrdering;
import dev.compactor.dedupe.ResolvedField;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;

/**
 * Keeps one record per event ID: among copies, the smallest under the winner ordering. Because the
 * ordering is total (ties fall back to canonical bytes) the winner does not depend on the order
 * records arrive in. Records without an ID are kept as they are: the {@code null-id} policy was
 * applied to them per file before they got here ({@link NullIdScreen}).
 */
public final class Deduplicator {

  private final ResolvedField eventId;
  private final RecordOrdering winner;
  // Arrival order: a carried output's records (already in output order) come out as one sorted
  // run, so the sort after a replay or a late file merges a short tail instead of sorting them all.
  private final Map<Object, GenericRecord> byId = new LinkedHashMap<>();
  private final List<GenericRecord> withoutId = new ArrayList<>();
  private long added;

  public Deduplicator(ResolvedField eventId, RecordOrdering winner) {
    this.eventId = eventId;
    this.winner = winner;
  }

  public void add(GenericRecord record) {
    added++;
    Object id = EventIdKey.of(eventId.valueOf(record));
    if (id == null) {
      withoutId.add(record);
      return;
    }
    byId.merge(id, record, (a, b) -> winner.compare(a, b) <= 0 ? a : b);
  }

  /** The survivors in the order their IDs first arrived (records without an ID last). */
  public List<GenericRecord> survivors() {
    List<GenericRecord> out = new ArrayList<>(byId.size() + withoutId.size());
    out.addAll(byId.values());
    out.addAll(withoutId);
    return out;
  }

  public long added() {
    return added;
  }

  public long duplicatesDropped() {
    return added - byId.size() - withoutId.size();
  }
}
