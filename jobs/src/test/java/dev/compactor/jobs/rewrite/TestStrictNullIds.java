package dev.compactor.jobs.rewrite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compactor.config.EventTypeConfig;
import dev.compactor.config.SparkSettings;
import dev.compactor.dedupe.NullIdPolicy;
import dev.compactor.domain.Hour;
import dev.compactor.domain.InputFile;
import dev.compactor.domain.PartitionId;
import dev.compactor.lock.PublishFence;
import dev.compactor.store.LocalObjectStore;
import dev.compactor.store.StoreUri;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Records without an event ID under null-id=quarantine: quarantined against their file normally, a
 * failure naming the file with --strict.
 */
class TestStrictNullIds {

  private static final Schema SCHEMA =
      SchemaBuilder.record("E")
          .fields()
          .optionalString("id")
          .requiredLong("received_at")
          .endRecord();
  private static final PartitionId PARTITION = new PartitionId(Hour.parse("2026-11-23T17"), 0);

  @TempDir Path dir;

  @Test
  void withoutStrictTheRecordIsQuarantinedAndTheRestWritten() throws Exception {
    PartitionResult result = rewrite(false);
    assertThat(result.succeeded()).isTrue();
    assertThat(result.entry().orElseThrow().recordsOut()).isEqualTo(2);
    assertThat(result.quarantined())
        .singleElement()
        .satisfies(q -> assertThat(q.key()).endsWith("a.avro"))
        .satisfies(q -> assertThat(q.reason()).contains("1 of 3 record(s) have a null id"));
  }

  @Test
  void strictFailsThePartitionNamingTheFieldAndTheWayOut() throws Exception {
    PartitionResult result = rewrite(true);
    assertThat(result.succeeded()).isFalse();
    assertThat(result.error().orElseThrow())
        .contains("a.avro", "1 of 3 record(s) have a null id", "--strict", "null-id=keep");
  }

  private PartitionResult rewrite(boolean strict) throws Exception {
    LocalObjectStore store = new LocalObjectStore();
    StoreUri root = StoreUri.parse("file://" + dir.toAbsolutePath());
    String key = root.key("in/dt=2026-11-23/hr=17/bucket=00/a.avro");
    byte[] bytes = file("a", null, "b");
    store.put(key, bytes);
    InputFile input = new InputFile(key, bytes.length, "etag", PartitionRewriter.md5(bytes));
    EventTypeConfig config =
        EventTypes.events(SCHEMA, NullIdPolicy.QUARANTINE, 1, "received_at asc", "id asc");
    RewriteSpec spec =
        new RewriteSpec(
            config,
            new RewriteSpec.Stores(null, root.resolve("in"), root.resolve("out")),
            new RewriteSpec.RunStamp("run-1", "settings"),
            new SparkSettings("", dir.resolve("scratch").toString(), 64),
            strict ? RewriteSpec.BadInput.FAIL : RewriteSpec.BadInput.QUARANTINE,
            // A lease confirmed for a day: the fence never needs to read a lock here.
            new PublishFence(
                root,
                "lock",
                "run-1",
                Instant.now().plus(Duration.ofDays(1)),
                Duration.ofMinutes(1)));
    return new PartitionRewriter(spec, store, store)
        .rewrite(
            new RewriteTask(
                PARTITION,
                List.of(input),
                List.of(input),
                "0123456789abcdef0123456789abcdef",
                null));
  }

  private static byte[] file(String... ids) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DataFileWriter<GenericRecord> writer =
        new DataFileWriter<>(new GenericDatumWriter<>(SCHEMA))) {
      writer.create(SCHEMA, out);
      long t = 0;
      for (String id : ids) {
        GenericRecord r = new GenericData.Record(SCHEMA);
        r.put("id", id);
        r.put("received_at", t++);
        writer.append(r);
      }
    }
    return out.toByteArray();
  }
}
