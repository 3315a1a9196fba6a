package dev.compactor.jobs.rewrite;

import dev.compactor.dedupe.FieldPath;
import dev.compactor.dedupe.NullIdPolicy;
import dev.compactor.dedupe.RecordOrdering;
import java.nio.ByteBuffer;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.avro.generic.GenericRecord;
import org.apache.avro.util.Utf8;

/**
 * Keeps one record per event ID: among copies, the smallest under the winner ordering. Because the
 * ordering is total (ties fall back to canonical bytes) the winner does not depend on the order records
 * arrive in. Records without an ID follow the {@link NullIdPolicy}.
 */
public final class Deduplicator {

  private final FieldPath eventId;
  private final RecordOrdering winner;
  private final NullIdPolicy nullIdPolicy;
  private final Map<Object, GenericRecord> byId = new HashMap<>();
  private final List<GenericRecord> withoutId = new ArrayList<>();
  private long added;
  private long nullIdsQuarantined;

  public Deduplicator(FieldPath eventId, RecordOrdering winner, NullIdPolicy nullIdPolicy) {
    this.eventId = eventId;
    this.winner = winner;
    this.nullIdPolicy = nullIdPolicy;
  }

  /**
   * @throws MissingEventIdException when the record has no ID and the policy is {@code FAIL}
   */
  public void add(GenericRecord record, String sourceUri) {
    added++;
    Object id = normalize(eventId.valueOf(record));
    if (id == null) {
      switch (nullIdPolicy) {
        case KEEP -> withoutId.add(record);
        case QUARANTINE -> nullIdsQuarantined++;
        case FAIL -> throw new MissingEventIdException(
            sourceUri + " has a record without " + eventId + " (null-id=fail). Fix the producer, or set "
                + "event-type.<name>.null-id=keep or quarantine.");
      }
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

  public long nullIdsQuarantined() {
    return nullIdsQuarantined;
  }

  public long duplicatesDropped() {
    return added - nullIdsQuarantined - byId.size() - withoutId.size();
  }

  /** Equal IDs must be equal keys: Avro strings arrive as {@link Utf8}, bytes as reused buffers. */
  private static Object normalize(Object id) {
    if (id instanceof Utf8 || id instanceof CharSequence) {
      return id.toString();
    }
    if (id instanceof ByteBuffer buffer) {
      return ByteBuffer.wrap(java.util.Arrays.copyOfRange(
          buffer.array(), buffer.arrayOffset() + buffer.position(), buffer.arrayOffset() + buffer.limit()));
    }
    if (id instanceof org.apache.avro.generic.GenericFixed fixed) {
      return ByteBuffer.wrap(fixed.bytes().clone());
    }
    return id;
  }

  /** A record has no event ID and the configuration says to fail. */
  public static final class MissingEventIdException extends RuntimeException {
    public MissingEventIdException(String message) {
      super(message);
    }
  }
}
