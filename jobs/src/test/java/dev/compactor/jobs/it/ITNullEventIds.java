package dev.compactor.jobs.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compactor.dedupe.NullIdPolicy;
import dev.compactor.domain.PartitionId;
import dev.compactor.domain.Quarantined;
import dev.compactor.jobs.it.CompactorHarness.Backend;
import dev.compactor.jobs.run.ExitCode;
import dev.compactor.jobs.run.RunOutcome;
import dev.compactor.layout.Layout;
import dev.compactor.manifest.ManifestCodec;
import dev.compactor.manifest.PartitionEntry;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The {@code null-id} policy end to end, with a reader schema whose event ID is nullable (a
 * non-nullable one rejects the whole file at schema resolution; {@link ITBadInput} covers that).
 * One partition holds a file with two records with IDs and one without, next to a good file.
 */
class ITNullEventIds {

  private static final PartitionId PARTITION =
      new PartitionId(CompactorHarness.LAST_HOUR.minusHours(3), 1);

  @TempDir Path dir;
  private CompactorHarness h;
  private Schema reader;
  private String mixedKey;
  private String mixedMd5;

  @BeforeEach
  void plantAFileWithANullId() throws Exception {
    h = CompactorHarness.create(Backend.S3, dir);
    reader =
        withNullableId(
            new Schema.Parser()
                .parse(Files.readString(Path.of("..", "conf", "schemas", "clicks.avsc"))));
    h.setReaderSchema(reader.toString());
    byte[] mixed =
        AvroBytes.write(reader, List.of(click("a-1", 1), click(null, 2), click("a-2", 3)));
    mixedKey = put("mixed.avro", mixed);
    mixedMd5 = HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(mixed));
    put("good.avro", AvroBytes.write(reader, List.of(click("b-1", 4), click("a-1", 5))));
  }

  @AfterEach
  void close() {
    h.close();
  }

  @Test
  void keepWritesTheRecordWithoutAnIdOnce() throws Exception {
    RunOutcome outcome = runWith(NullIdPolicy.KEEP);

    assertThat(outcome.exitCode()).isEqualTo(ExitCode.DONE);
    assertThat(outputIds()).containsExactlyInAnyOrder("a-1", null, "a-2", "b-1");
    assertThat(outcome.report().quarantined()).isEmpty();
  }

  @Test
  void quarantineLeavesOutTheRecordAndNamesItsFileWithItsMd5() throws Exception {
    RunOutcome outcome = runWith(NullIdPolicy.QUARANTINE);

    assertThat(outcome.exitCode()).isEqualTo(ExitCode.PARTIAL);
    assertThat(outputIds()).containsExactlyInAnyOrder("a-1", "a-2", "b-1");
    Quarantined q =
        outcome.report().quarantined().stream()
            .filter(r -> r.key().equals(mixedKey))
            .findFirst()
            .orElseThrow();
    assertThat(q.md5()).isEqualTo(mixedMd5);
    assertThat(q.reason()).contains("1 of 3 record(s)", "null-id=quarantine", "fix:");
    assertThat(manifestEntry().orElseThrow().quarantined()).containsExactly(q);
  }

  @Test
  void failKeepsThePartitionUncommittedAndNamesTheFile() throws Exception {
    RunOutcome outcome = runWith(NullIdPolicy.FAIL);

    assertThat(outcome.exitCode()).isEqualTo(ExitCode.FAILED);
    assertThat(String.join("\n", outcome.report().errors()))
        .contains("mixed.avro", "null-id=fail", "set null-id to keep or quarantine");
    assertThat(h.outputObjects()).as("no output for the failed partition").isEmpty();
    assertThat(manifestEntry()).as("the next run retries the partition").isEmpty();
  }

  private RunOutcome runWith(NullIdPolicy policy) {
    h.set("event-type.clicks.null-id", policy.name().toLowerCase(Locale.ROOT));
    return h.run();
  }

  private List<String> outputIds() throws Exception {
    List<String> ids = new ArrayList<>();
    for (GenericRecord r :
        IndependentReaders.avro(h.readOutput(h.outputKey(Layout.AVRO, PARTITION)))) {
      ids.add(r.get("event_id") == null ? null : r.get("event_id").toString());
    }
    List<Object> parquetIds = new ArrayList<>();
    byte[] parquet = h.readOutput(h.outputKey(Layout.PARQUET, PARTITION));
    IndependentReaders.parquet(parquet, h.scratch())
        .forEach(row -> parquetIds.add(row.get("event_id")));
    assertThat(parquetIds)
        .as("Parquet holds the same IDs")
        .containsExactlyInAnyOrderElementsOf(ids);
    return ids;
  }

  private Optional<PartitionEntry> manifestEntry() {
    String key = h.storage().state().key(h.outputLayout().manifestKey(PARTITION.hour()));
    return h.storage()
        .state()
        .store()
        .readIfExists(key)
        .flatMap(bytes -> ManifestCodec.decode(bytes, key).partition(PARTITION.bucket()));
  }

  private String put(String name, byte[] bytes) {
    String prefix =
        h.inputLayout()
            .partitionPrefix(CompactorHarness.EVENT_TYPE, PARTITION.hour(), PARTITION.bucket(), 2);
    String key = h.storage().input().key(prefix + "/" + name);
    h.storage().input().store().put(key, bytes);
    return key;
  }

  private GenericRecord click(String id, long offsetMillis) {
    long start = PARTITION.hour().startInstant().toEpochMilli();
    GenericRecord r = new GenericData.Record(reader);
    r.put("event_id", id);
    r.put("event_time", start + offsetMillis);
    r.put("received_at", start + offsetMillis);
    r.put("user_id", "u1");
    r.put("page", "/p");
    r.put("duration_ms", 5L);
    r.put("device", new GenericData.EnumSymbol(reader.getField("device").schema(), "DESKTOP"));
    r.put("referrer", null);
    return r;
  }

  private static Schema withNullableId(Schema clicks) {
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field f : clicks.getFields()) {
      fields.add(
          f.name().equals("event_id")
              ? new Schema.Field(
                  f.name(),
                  Schema.createUnion(
                      Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING)),
                  f.doc(),
                  Schema.Field.NULL_DEFAULT_VALUE)
              : new Schema.Field(f, f.schema()));
    }
    return Schema.createRecord(
        clicks.getName(), clicks.getDoc(), clicks.getNamespace(), false, fields);
  }
}
