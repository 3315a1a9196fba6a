package dev.compactor.jobs.rewrite;

import dev.compactor.dedupe.EventIdKey;
import dev.compactor.dedupe.RecordOrdering;
import dev.compactor.dedupe.ResolvedField;
import java.util.ArrayList;
import java.util.HashMap;
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
  private final Map<Object, GenericRecord> byId = new HashMap<>();
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

  /** The survivors, unordered. */
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
