package dev.compactor.jobs.rewrite;

import dev.compactor.dedupe.NullIdPolicy;
import dev.compactor.dedupe.ResolvedField;
import dev.compactor.domain.InputFile;
import dev.compactor.domain.Quarantined;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.avro.generic.GenericRecord;

/**
 * Applies the {@code null-id} policy to one decoded file, so that records left out are reported
 * against the file (key and MD5) they came from, and {@code fail} names it. Records with an ID
 * always pass.
 */
public final class NullIdScreen {

  private final ResolvedField eventId;
  private final NullIdPolicy policy;

  public NullIdScreen(ResolvedField eventId, NullIdPolicy policy) {
    this.eventId = eventId;
    this.policy = policy;
  }

  /** The records to merge, and the quarantine record of those left out, if any. */
  public record Screened(List<GenericRecord> kept, Optional<Quarantined> quarantined) {}

  /**
   * @throws NullEventIdException when a record has no ID and the policy is {@code fail}
   */
  public Screened screen(InputFile file, String uri, List<GenericRecord> records) {
    if (policy == NullIdPolicy.KEEP) {
      return new Screened(records, Optional.empty());
    }
    List<GenericRecord> kept = new ArrayList<>(records.size());
    for (GenericRecord record : records) {
      if (eventId.valueOf(record) != null) {
        kept.add(record);
      } else if (policy == NullIdPolicy.FAIL) {
        throw new NullEventIdException(
            uri
                + " has a record whose "
                + eventId
                + " is null (null-id=fail); the partition keeps its previous outputs. Fix the"
                + " producer and rewrite the file, or set null-id to keep or quarantine.");
      }
    }
    int left = records.size() - kept.size();
    if (left == 0) {
      return new Screened(records, Optional.empty());
    }
    String reason =
        left
            + " of "
            + records.size()
            + " record(s) have a null "
            + eventId
            + " and were left out (null-id=quarantine); fix: rewrite the file with IDs (the next"
            + " run reads it once its MD5 changes), or set null-id=keep";
    return new Screened(kept, Optional.of(new Quarantined(file.key(), file.md5(), reason)));
  }

  /** A record has no event ID and the configuration says to fail. */
  public static final class NullEventIdException extends RuntimeException {
    public NullEventIdException(String message) {
      super(message);
    }
  }
}
