package dev.compactor.config;

import dev.compactor.dedupe.NullIdPolicy;
import dev.compactor.dedupe.RecordOrdering;
import dev.compactor.dedupe.ResolvedField;
import dev.compactor.layout.InputLayout;
import dev.compactor.layout.Layout;
import java.io.Serializable;
import java.util.regex.Pattern;
import org.apache.avro.Schema;

/**
 * Everything the job needs to know about one event type, resolved once when the configuration
 * loads: the parsed reader schema, field paths resolved to positions, layouts, a compiled ignore
 * pattern and typed codecs. Spark tasks receive this value; nothing after loading parses
 * configuration text.
 *
 * @param name the event type, e.g. {@code clicks}
 * @param schema the reader schema (from its {@code .avsc}) every input is resolved to
 * @param eventId the dedupe key
 * @param winner ordering among copies of one ID; the first wins (ties: canonical encoding)
 * @param sort output order
 * @param buckets hash buckets upstream writes per hour
 * @param input where upstream writes input files
 * @param layout every output and state key
 * @param windowHours hours an hourly run rescans
 * @param eventTime the event timestamp (epoch millis) checked against the file's hour, or null for
 *     no check
 * @param nullId what to do with records without an event ID
 * @param ignore file names that are not data ({@code _SUCCESS}, {@code .tmp})
 * @param output output encoding
 * @param parquetTable how the Parquet copy is published
 */
public record EventTypeConfig(
    String name,
    Schema schema,
    ResolvedField eventId,
    RecordOrdering winner,
    RecordOrdering sort,
    int buckets,
    InputLayout input,
    Layout layout,
    int windowHours,
    ResolvedField eventTime,
    NullIdPolicy nullId,
    Pattern ignore,
    OutputSettings output,
    ParquetTable parquetTable)
    implements Serializable {

  /** Zero padding of the bucket number in input and output names. */
  public int bucketDigits() {
    return layout.bucketDigits();
  }

  /** Whether a file name is not data and is skipped. */
  public boolean ignores(String fileName) {
    return ignore.matcher(fileName).matches();
  }
}
