package dev.compactor.jobs.rewrite;

import dev.compactor.config.AvroCodec;
import dev.compactor.config.EventTypeConfig;
import dev.compactor.config.OutputSettings;
import dev.compactor.config.ParquetCodec;
import dev.compactor.config.ParquetTable;
import dev.compactor.dedupe.FieldPath;
import dev.compactor.dedupe.NullIdPolicy;
import dev.compactor.dedupe.RecordOrdering;
import dev.compactor.dedupe.ResolvedField;
import dev.compactor.dedupe.SortKey;
import dev.compactor.layout.InputLayout;
import dev.compactor.layout.Layout;
import java.util.Arrays;
import java.util.regex.Pattern;
import org.apache.avro.Schema;

/**
 * Event types of a test schema keyed by its {@code id} field, resolved as the loader resolves them.
 */
final class EventTypes {

  private EventTypes() {}

  static EventTypeConfig events(
      Schema schema, NullIdPolicy nullId, int buckets, String winner, String... sort) {
    return new EventTypeConfig(
        "events",
        schema,
        ResolvedField.resolve(FieldPath.parse("id"), schema).orElseThrow(),
        ordering(schema, winner),
        ordering(schema, sort),
        buckets,
        new InputLayout("{event_type}/dt={date}/hr={hour}/bucket={bucket}"),
        new Layout("events", 2),
        12,
        null,
        nullId,
        Pattern.compile("^[_.].*"),
        new OutputSettings(AvroCodec.SNAPPY, ParquetCodec.SNAPPY, 1 << 20),
        ParquetTable.HIVE);
  }

  private static RecordOrdering ordering(Schema schema, String... keys) {
    return new RecordOrdering(schema, Arrays.stream(keys).map(SortKey::parse).toList());
  }
}
