package dev.compactor.jobs.it;

import static dev.compactor.jobs.it.OutputAssertions.assertOutputsMatch;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.compactor.domain.Hour;
import dev.compactor.domain.PartitionId;
import dev.compactor.domain.Quarantined;
import dev.compactor.jobs.generate.ClickSchema;
import dev.compactor.jobs.it.CompactorHarness.Backend;
import dev.compactor.jobs.run.ExitCode;
import dev.compactor.jobs.run.RunOutcome;
import dev.compactor.layout.Layout;
import dev.compactor.manifest.ManifestCodec;
import dev.compactor.manifest.PartitionEntry;
import dev.compactor.store.ObjectInfo;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.avro.LogicalTypes;
import org.apache.avro.Schema;
import org.apache.avro.SchemaBuilder;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * Every kind of bad input, each planted in its own partition of one window next to generated good
 * files. One strict run and one normal run cover them all; each test then checks one kind: a
 * quarantine record naming the file, its MD5 and the fix, in the run report and the hour's
 * manifest, and every good record of the window present exactly once in both outputs, read back
 * independently.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ITBadInput {

  private static final Hour FIRST =
      CompactorHarness.LAST_HOUR.minusHours(CompactorHarness.WINDOW_HOURS - 1);
  private static final ObjectMapper JSON = new ObjectMapper();

  @TempDir static Path dir;

  private CompactorHarness h;
  private Schema reader;

  /** Bad files by kind: key and the reason text their quarantine record must contain. */
  private final Map<String, Planted> bad = new LinkedHashMap<>();

  private Map<PartitionId, Map<String, GenericRecord>> expected;
  private long expectedOutsideHour;
  private RunOutcome strict;
  private RunOutcome normal;
  private JsonNode runReport;

  record Planted(PartitionId partition, String key, String md5, String reason) {}

  @BeforeAll
  void plantEveryKindAndRunTwice() throws Exception {
    h = CompactorHarness.create(Backend.S3, dir).set("event-type.clicks.event-time", "event_time");
    reader =
        new Schema.Parser()
            .parse(Files.readString(Path.of("..", "conf", "schemas", "clicks.avsc")));
    h.generate(30, 41);

    // Good but unusual files first: the expected output is computed from them with plain Avro.
    put(
        partition(15, 0),
        "a file é=1 ünï.avro",
        AvroBytes.write(reader, clicks(15, "odd-key-", 5, 0)));
    put(
        partition(16, 0),
        "dupes.avro",
        AvroBytes.write(
            reader,
            List.of(
                click(16, "dup-1", 5_000, "late-copy"), click(16, "dup-1", 1_000, "early-copy"))));
    List<GenericRecord> late = clicks(17, "late-", 3, -5 * 3_600_000L);
    put(partition(17, 0), "late-events.avro", AvroBytes.write(reader, late));
    GenericRecord huge = click(17, "huge-1", 1_000, "x".repeat(20 * 1024 * 1024));
    put(partition(17, 1), "huge.avro", AvroBytes.write(reader, List.of(huge)));
    put(partition(6, 1), "writer-v0.avro", oldWriterFile());
    put(
        partition(6, 1),
        "writer-v1.avro",
        AvroBytes.write(ClickSchema.V1.schema(), List.of(v1Click())));
    put(
        partition(6, 1),
        "writer-v2.avro",
        AvroBytes.write(ClickSchema.V2.schema(), List.of(click(6, "v2-1", 3, "/new"))));
    expected = ExpectedOutput.of(h, reader, false);
    expectedOutsideHour = countOutsideHour();

    byte[] good = AvroBytes.write(reader, clicks(7, "bad-", 40, 0));
    plantBad("zero-byte", 6, "zero.avro", new byte[0], "zero-byte file");
    plantBad("truncated", 7, "cut.avro", AvroBytes.truncated(good), "truncated");
    plantBad(
        "not-avro",
        8,
        "csv-by-mistake.avro",
        "event_id,page\n1,/\n".getBytes(StandardCharsets.UTF_8),
        "not an Avro");
    plantBad("bad-sync", 9, "bad-sync.avro", AvroBytes.badSync(good), "sync marker");
    plantBad(
        "unresolvable", 10, "int-id.avro", intIdFile(), "cannot be resolved to the reader schema");
    plantBad(
        "null-id", 11, "null-id.avro", nullIdFile(), "cannot be resolved to the reader schema");
    plantBad("missing-id", 12, "no-id.avro", missingIdFile(), "event_id");
    plantBad(
        "unknown-codec",
        13,
        "lzma.avro",
        AvroBytes.unknownCodec(reader, clicks(13, "codec-", 5, 0)),
        "unknown codec 'inflate'");
    for (String name :
        List.of("_SUCCESS", "part-1.avro.tmp", ".hidden.avro", "bucket=00_$folder$")) {
      put(partition(14, 0), name, new byte[0]);
    }

    strict = h.run(true);
    normal = h.run(false);
    String reportKey =
        h.storage().state().key(h.outputLayout().runReportKey(normal.report().runId()));
    runReport = JSON.readTree(h.storage().state().store().readAll(reportKey));
  }

  @AfterAll
  void close() {
    h.close();
  }

  @Test
  @Order(1)
  void strictFailsTheRunNamingEveryBadFileAndCommitsNoneOfTheirPartitions() {
    assertThat(strict.exitCode()).isEqualTo(ExitCode.FAILED);
    String errors = String.join("\n", strict.report().errors());
    for (Planted p : bad.values()) {
      assertThat(errors).as("strict error for %s", p.key()).contains(p.key()).contains("--strict");
    }
    assertThat(strict.report().quarantined()).as("strict quarantines nothing").isEmpty();
  }

  @Test
  @Order(2)
  void theRunQuarantinesEachBadFileAndExitsPartial() {
    assertThat(normal.exitCode()).isEqualTo(ExitCode.PARTIAL);
    assertThat(normal.report().quarantined())
        .extracting(Quarantined::key)
        .containsExactlyInAnyOrderElementsOf(bad.values().stream().map(Planted::key).toList());
  }

  @Test
  @Order(3)
  void everyGoodRecordOfTheWindowIsWrittenOnceToAvroAndParquet() throws Exception {
    assertOutputsMatch(h, expected);
  }

  @Test
  void zeroByteFile() throws Exception {
    assertQuarantined("zero-byte");
  }

  @Test
  void avroTruncatedInsideABlock() throws Exception {
    assertQuarantined("truncated");
  }

  @Test
  void bytesThatAreNotAvro() throws Exception {
    assertQuarantined("not-avro");
  }

  @Test
  void corruptBlockWithABadSyncMarker() throws Exception {
    assertQuarantined("bad-sync");
  }

  @Test
  void writerSchemaThatCannotBeResolved() throws Exception {
    assertQuarantined("unresolvable");
  }

  @Test
  void nullEventIdUnderANonNullableReaderField() throws Exception {
    assertQuarantined("null-id");
  }

  @Test
  void eventIdFieldMissingFromTheWriterSchema() throws Exception {
    assertQuarantined("missing-id");
  }

  @Test
  void unknownCodec() throws Exception {
    assertQuarantined("unknown-codec");
  }

  @Test
  void nonDataObjectsAreIgnored() {
    PartitionEntry entry = manifestEntry(partition(14, 0));
    assertThat(entry.quarantined()).isEmpty();
    assertThat(entry.inputs())
        .extracting(i -> fileName(i.key()))
        .allSatisfy(name -> assertThat(name).endsWith(".avro").doesNotStartWith("."));
    assertThat(normal.report().scan().ignoredKeys()).isGreaterThanOrEqualTo(4);
  }

  @Test
  void keysWithSpacesUnicodeAndEqualsSigns() {
    assertThat(manifestEntry(partition(15, 0)).inputs())
        .extracting(i -> fileName(i.key()))
        .contains("a file é=1 ünï.avro");
    assertThat(expected.get(partition(15, 0))).containsKeys("odd-key-0", "odd-key-4");
  }

  @Test
  void copiesOfOneIdWithDifferentPayloadsKeepTheEarliestReceived() throws Exception {
    List<GenericRecord> out =
        IndependentReaders.avro(h.readOutput(h.outputKey(Layout.AVRO, partition(16, 0))));
    List<GenericRecord> dup =
        out.stream().filter(r -> r.get("event_id").toString().equals("dup-1")).toList();
    assertThat(dup).hasSize(1);
    assertThat(dup.get(0).get("page").toString()).isEqualTo("early-copy");
  }

  @Test
  void recordsOutsideTheirHourAreKeptAndCounted() throws Exception {
    assertThat(expectedOutsideHour).isGreaterThanOrEqualTo(3);
    // Each partition is built once: good ones by the strict run, the rest by the normal run.
    assertThat(
            strict.report().totals().recordsOutsideHour()
                + normal.report().totals().recordsOutsideHour())
        .isEqualTo(expectedOutsideHour);
    assertThat(runReport.at("/totals/recordsOutsideHour").asLong())
        .isEqualTo(normal.report().totals().recordsOutsideHour());
    assertThat(expected.get(partition(17, 0))).containsKeys("late-0", "late-1", "late-2");
  }

  @Test
  void aTwentyMegabyteRecordCompacts() throws Exception {
    List<GenericRecord> out =
        IndependentReaders.avro(h.readOutput(h.outputKey(Layout.AVRO, partition(17, 1))));
    GenericRecord huge =
        out.stream()
            .filter(r -> r.get("event_id").toString().equals("huge-1"))
            .findFirst()
            .orElseThrow();
    assertThat(huge.get("page").toString()).hasSize(20 * 1024 * 1024);
  }

  @Test
  void onePartitionWrittenWithThreeWriterSchemasCompactsIntoTheReaderSchema() throws Exception {
    PartitionId mixed = partition(6, 1);
    Set<Schema> writers = new HashSet<>();
    for (ObjectInfo input : h.inputFiles(mixed)) {
      writers.add(AvroBytes.writerSchema(h.storage().input().store().readAll(input.key())));
    }
    assertThat(writers).as("writer schemas in the partition").hasSizeGreaterThanOrEqualTo(3);

    Map<String, GenericRecord> avro = new HashMap<>();
    IndependentReaders.avro(h.readOutput(h.outputKey(Layout.AVRO, mixed)))
        .forEach(r -> avro.put(r.get("event_id").toString(), r));
    assertThat(avro.get("v0-1").getSchema()).isEqualTo(reader);
    assertThat(avro.get("v0-1").get("duration_ms")).as("int promoted to long").isEqualTo(1234L);
    assertThat(avro.get("v0-1").get("device").toString()).isEqualTo("MOBILE");
    assertThat(avro.get("v0-1").get("referrer")).as("added field takes its default").isNull();
    assertThat(avro.get("v1-1").get("duration_ms")).isEqualTo(77L);
    assertThat(avro.get("v1-1").get("device").toString())
        .as("symbol added in v1")
        .isEqualTo("TABLET");
    assertThat(avro.get("v2-1").get("page").toString()).isEqualTo("/new");

    Map<Object, Map<String, Object>> parquet = new HashMap<>();
    IndependentReaders.parquet(h.readOutput(h.outputKey(Layout.PARQUET, mixed)), h.scratch())
        .forEach(row -> parquet.put(row.get("event_id"), row));
    assertThat(parquet.keySet()).containsExactlyInAnyOrderElementsOf(avro.keySet());
    assertThat(parquet.get("v0-1"))
        .containsEntry("duration_ms", 1234L)
        .containsEntry("device", "MOBILE")
        .containsEntry("referrer", null)
        .doesNotContainKey("legacy_flag");
    assertThat(parquet.get("v1-1"))
        .containsEntry("duration_ms", 77L)
        .containsEntry("device", "TABLET");
  }

  @Test
  @Order(Integer.MAX_VALUE)
  void aQuarantinedFileThatIsFixedIsReadByTheNextRun() throws Exception {
    Planted zero = bad.get("zero-byte");
    List<GenericRecord> fixed = clicks(6, "fixed-", 4, 0);
    h.storage().input().store().put(zero.key(), AvroBytes.write(reader, fixed));

    RunOutcome next = h.run(false);

    assertThat(next.report().quarantined()).extracting(Quarantined::key).doesNotContain(zero.key());
    assertThat(manifestEntry(zero.partition()).quarantined()).isEmpty();
    List<GenericRecord> out =
        IndependentReaders.avro(h.readOutput(h.outputKey(Layout.AVRO, zero.partition())));
    assertThat(out).extracting(r -> r.get("event_id").toString()).contains("fixed-0", "fixed-3");
  }

  private void assertQuarantined(String kind) throws Exception {
    Planted p = bad.get(kind);
    Quarantined inReport =
        normal.report().quarantined().stream()
            .filter(q -> q.key().equals(p.key()))
            .findFirst()
            .orElseThrow();
    assertThat(inReport.md5()).isEqualTo(p.md5());
    assertThat(inReport.reason()).contains(p.reason()).contains("fix:");

    JsonNode json = null;
    for (JsonNode q : runReport.get("quarantined")) {
      if (q.get("key").asText().equals(p.key())) {
        json = q;
      }
    }
    assertThat(json).as("run report JSON entry for %s", p.key()).isNotNull();
    assertThat(json.get("md5").asText()).isEqualTo(p.md5());
    assertThat(json.get("reason").asText()).isEqualTo(inReport.reason());

    assertThat(manifestEntry(p.partition()).quarantined()).contains(inReport);
    assertThat(manifestEntry(p.partition()).outputs())
        .as("the rest of the partition is written")
        .hasSize(2);
  }

  private PartitionEntry manifestEntry(PartitionId partition) {
    String key = h.storage().state().key(h.outputLayout().manifestKey(partition.hour()));
    return ManifestCodec.decode(h.storage().state().store().readAll(key), key)
        .partition(partition.bucket())
        .orElseThrow();
  }

  private void plantBad(String kind, int hourOfDay, String name, byte[] bytes, String reason)
      throws Exception {
    PartitionId partition = partition(hourOfDay, 0);
    String key = put(partition, name, bytes);
    bad.put(kind, new Planted(partition, key, md5(bytes), reason));
  }

  private String put(PartitionId partition, String name, byte[] bytes) {
    String prefix =
        h.inputLayout()
            .partitionPrefix(CompactorHarness.EVENT_TYPE, partition.hour(), partition.bucket(), 2);
    String key = h.storage().input().key(prefix + "/" + name);
    h.storage().input().store().put(key, bytes);
    return key;
  }

  private long countOutsideHour() {
    long n = 0;
    for (var e : ExpectedOutput.allInputs(h, reader).entrySet()) {
      long start = e.getKey().hour().startInstant().toEpochMilli();
      n +=
          e.getValue().stream()
              .map(r -> (Long) r.get("event_time"))
              .filter(t -> t < start || t >= start + 3_600_000)
              .count();
    }
    return n;
  }

  private static PartitionId partition(int hourOfDay, int bucket) {
    return new PartitionId(FIRST.plusHours(hourOfDay - FIRST.hourOfDay()), bucket);
  }

  private List<GenericRecord> clicks(int hourOfDay, String idPrefix, int n, long offsetMillis) {
    List<GenericRecord> out = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      GenericRecord r = click(hourOfDay, idPrefix + i, 1_000 + i, "/p" + i);
      r.put("event_time", (Long) r.get("event_time") + offsetMillis);
      out.add(r);
    }
    return out;
  }

  private GenericRecord click(int hourOfDay, String id, long receivedOffset, String page) {
    long start = partition(hourOfDay, 0).hour().startInstant().toEpochMilli();
    GenericRecord r = new GenericData.Record(reader);
    r.put("event_id", id);
    r.put("event_time", start + 60_000);
    r.put("received_at", start + 60_000 + receivedOffset);
    r.put("user_id", "u1");
    r.put("page", page);
    r.put("duration_ms", 5L);
    r.put("device", new GenericData.EnumSymbol(reader.getField("device").schema(), "DESKTOP"));
    r.put("referrer", null);
    return r;
  }

  /**
   * A writer three versions back: duration_ms an int, no referrer, fewer device symbols, an extra
   * field.
   */
  private byte[] oldWriterFile() {
    Schema device =
        SchemaBuilder.enumeration("Device")
            .namespace("dev.compactor.sample")
            .symbols("DESKTOP", "MOBILE");
    Schema v0 =
        SchemaBuilder.record("Click")
            .namespace("dev.compactor.sample")
            .fields()
            .requiredString("event_id")
            .name("event_time")
            .type(timestamp())
            .noDefault()
            .name("received_at")
            .type(timestamp())
            .noDefault()
            .requiredString("user_id")
            .requiredString("page")
            .requiredInt("duration_ms")
            .name("device")
            .type(device)
            .noDefault()
            .requiredBoolean("legacy_flag")
            .endRecord();
    long start = partition(6, 1).hour().startInstant().toEpochMilli();
    GenericRecord r = new GenericData.Record(v0);
    r.put("event_id", "v0-1");
    r.put("event_time", start + 1);
    r.put("received_at", start + 2);
    r.put("user_id", "u0");
    r.put("page", "/old");
    r.put("duration_ms", 1234);
    r.put("device", new GenericData.EnumSymbol(device, "MOBILE"));
    r.put("legacy_flag", true);
    return AvroBytes.write(v0, List.of(r));
  }

  /**
   * A click written by the generator's older producers (schema v1: duration_ms an int, no
   * referrer).
   */
  private GenericRecord v1Click() {
    Schema v1 = ClickSchema.V1.schema();
    long start = partition(6, 1).hour().startInstant().toEpochMilli();
    GenericRecord r = new GenericData.Record(v1);
    r.put("event_id", "v1-1");
    r.put("event_time", start + 3);
    r.put("received_at", start + 4);
    r.put("user_id", "u1");
    r.put("page", "/v1");
    r.put("duration_ms", 77);
    r.put("device", new GenericData.EnumSymbol(v1.getField("device").schema(), "TABLET"));
    return r;
  }

  private byte[] intIdFile() {
    Schema s =
        SchemaBuilder.record("Click")
            .namespace("dev.compactor.sample")
            .fields()
            .requiredInt("event_id")
            .endRecord();
    GenericRecord r = new GenericData.Record(s);
    r.put("event_id", 7);
    return AvroBytes.write(s, List.of(r));
  }

  private byte[] nullIdFile() {
    Schema s =
        withIdType(
            Schema.createUnion(Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING)));
    List<GenericRecord> records = new ArrayList<>();
    for (GenericRecord good : clicks(11, "nullable-", 3, 0)) {
      GenericRecord r = new GenericData.Record(s);
      s.getFields().forEach(f -> r.put(f.name(), good.get(f.name())));
      records.add(r);
    }
    records.get(1).put("event_id", null);
    return AvroBytes.write(s, records);
  }

  private byte[] missingIdFile() {
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field f : reader.getFields()) {
      if (!f.name().equals("event_id")) {
        fields.add(new Schema.Field(f, f.schema()));
      }
    }
    Schema s = Schema.createRecord("Click", null, "dev.compactor.sample", false, fields);
    GenericRecord good = click(12, "ignored", 1, "/x");
    GenericRecord r = new GenericData.Record(s);
    fields.forEach(f -> r.put(f.name(), good.get(f.name())));
    return AvroBytes.write(s, List.of(r));
  }

  private Schema withIdType(Schema idType) {
    List<Schema.Field> fields = new ArrayList<>();
    for (Schema.Field f : reader.getFields()) {
      fields.add(
          f.name().equals("event_id")
              ? new Schema.Field("event_id", idType)
              : new Schema.Field(f, f.schema()));
    }
    return Schema.createRecord("Click", null, "dev.compactor.sample", false, fields);
  }

  private static Schema timestamp() {
    return LogicalTypes.timestampMillis().addToSchema(Schema.create(Schema.Type.LONG));
  }

  private static String fileName(String key) {
    return key.substring(key.lastIndexOf('/') + 1);
  }

  private static String md5(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
  }
}
