package dev.compactor.config;

import dev.compactor.dedupe.FieldPath;
import dev.compactor.dedupe.NullIdPolicy;
import dev.compactor.dedupe.SortKey;
import java.io.Serializable;
import java.util.List;

/**
 * Everything the job needs to know about one event type.
 *
 * @param name the event type, e.g. {@code clicks}
 * @param readerSchemaJson the reader schema (from its {@code .avsc}) every input is resolved to
 * @param eventId the dedupe key's field path
 * @param winner ordering among copies of one ID; the first wins (ties: canonical encoding)
 * @param sort output order
 * @param buckets hash buckets upstream writes per hour
 * @param bucketDigits zero padding of the bucket number in input and output names
 * @param inputTemplate input path template relative to the input root
 * @param windowHours hours an hourly run rescans
 * @param eventTime field path of the event timestamp (epoch millis), or null for no hour check
 * @param nullId what to do with records without an event ID
 * @param ignorePattern regex on file names that are not data ({@code _SUCCESS}, {@code .tmp})
 * @param output output encoding
 */
public record EventTypeConfig(
    String name,
    String readerSchemaJson,
    FieldPath eventId,
    List<SortKey> winner,
    List<SortKey> sort,
    int buckets,
    int bucketDigits,
    String inputTemplate,
    int windowHours,
    FieldPath eventTime,
    NullIdPolicy nullId,
    String ignorePattern,
    OutputSettings output)
    implements Serializable {

  public EventTypeConfig {
    winner = List.copyOf(winner);
    sort = List.copyOf(sort);
  }
}
