package dev.compactor.jobs.it;

import static dev.compactor.jobs.it.OutputAssertions.assertOutputsMatch;
import static org.assertj.core.api.Assertions.assertThat;

import dev.compactor.domain.PartitionId;
import dev.compactor.domain.Reason;
import dev.compactor.domain.Window;
import dev.compactor.jobs.generate.GeneratedSummary;
import dev.compactor.jobs.it.CompactorHarness.Backend;
import dev.compactor.jobs.run.ExitCode;
import dev.compactor.jobs.run.RunOutcome;
import dev.compactor.jobs.run.RunStatus;
import dev.compactor.layout.Layout;
import dev.compactor.manifest.ManifestCodec;
import dev.compactor.manifest.PartitionEntry;
import dev.compactor.plan.PartitionWork;
import dev.compactor.store.ObjectInfo;
import dev.compactor.store.ObjectStore;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The hourly job end to end: real S3 API server (and file:// roots), real Spark, independent
 * readers.
 */
class ITHourlyCompaction {

  private static final int EVENTS_PER_HOUR = 240;

  @TempDir Path dir;

  @ParameterizedTest
  @EnumSource(Backend.class)
  void compactsAWindowWithDuplicates(Backend backend) throws Exception {
    try (CompactorHarness h = CompactorHarness.create(backend, dir)) {
      GeneratedSummary generated = h.generate(EVENTS_PER_HOUR, 1);
      Schema reader = readerSchema(h);
      Map<PartitionId, Map<String, GenericRecord>> expected = ExpectedOutput.of(h, reader, false);

      RunOutcome outcome = h.run();

      assertThat(outcome.exitCode()).isEqualTo(ExitCode.DONE);
      assertThat(generated.records()).isGreaterThan(generated.distinctEvents());
      assertThat(expected).hasSize(CompactorHarness.WINDOW_HOURS * CompactorHarness.BUCKETS);
      long distinct = expected.values().stream().mapToLong(Map::size).sum();
      assertThat(outcome.report().totals().recordsOut()).isEqualTo(distinct);
      assertThat(outcome.report().totals().recordsIn()).isEqualTo(ExpectedOutput.copies(h, reader));
      assertThat(outcome.report().totals().duplicatesDropped())
          .isEqualTo(outcome.report().totals().recordsIn() - distinct);
      assertOutputsMatch(h, expected);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void unchangedInputRebuildsNothingReadsNoDataAndNeverStartsSpark(Backend backend)
      throws Exception {
    try (CompactorHarness h = CompactorHarness.create(backend, dir)) {
      h.generate(EVENTS_PER_HOUR, 2);
      h.run();
      int sparkRequests = h.sparkRequests();
      Map<String, ObjectInfo> outputsBefore = h.outputObjects();

      RunOutcome second = h.run();

      assertThat(second.exitCode()).isEqualTo(ExitCode.DONE);
      assertThat(second.plan().isEmpty()).isTrue();
      assertThat(second.report().status()).isEqualTo(RunStatus.NOTHING_TO_DO);
      assertThat(second.sparkStarted()).isFalse();
      assertThat(h.sparkRequests()).isEqualTo(sparkRequests);
      assertThat(second.report().totals().bytesRead()).isZero();
      assertThat(second.report().scan().md5Computed())
          .as("data files read to fingerprint")
          .isZero();
      assertThat(h.outputObjects()).isEqualTo(outputsBefore);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void lateReplacedAndDeletedFilesRebuildExactlyTheirPartitions(Backend backend) throws Exception {
    try (CompactorHarness h = CompactorHarness.create(backend, dir)) {
      h.generate(EVENTS_PER_HOUR, 3);
      h.run();
      ObjectStore inputs = h.storage().input().store();
      PartitionId late = new PartitionId(CompactorHarness.LAST_HOUR.minusHours(5), 1);
      PartitionId replaced = new PartitionId(CompactorHarness.LAST_HOUR.minusHours(2), 2);
      PartitionId deleted = new PartitionId(CompactorHarness.LAST_HOUR, 3);
      List<ObjectInfo> lateFiles = h.inputFiles(late);
      inputs.put(
          lateFiles.get(0).key().replace(".avro", "-replayed.avro"),
          inputs.readAll(lateFiles.get(0).key()));
      List<ObjectInfo> replacedFiles = h.inputFiles(replaced);
      inputs.put(replacedFiles.get(0).key(), inputs.readAll(replacedFiles.get(1).key()));
      inputs.delete(h.inputFiles(deleted).get(0).key());

      RunOutcome outcome = h.run();

      assertThat(reasons(outcome))
          .containsExactly(
              Map.entry(late, Reason.CHANGED),
              Map.entry(replaced, Reason.CHANGED),
              Map.entry(deleted, Reason.CHANGED));
      assertThat(details(outcome)).containsExactly("+1 file(s)", "1 replaced", "-1 file(s)");
      assertOutputsMatch(h, ExpectedOutput.of(h, readerSchema(h), false));
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void deletingEveryFileOfAPartitionRemovesItsOutputs(Backend backend) throws Exception {
    try (CompactorHarness h = CompactorHarness.create(backend, dir)) {
      h.generate(EVENTS_PER_HOUR, 4);
      h.run();
      PartitionId emptied = new PartitionId(CompactorHarness.LAST_HOUR.minusHours(3), 0);
      h.inputFiles(emptied).forEach(f -> h.storage().input().store().delete(f.key()));

      RunOutcome outcome = h.run();

      assertThat(reasons(outcome)).containsExactly(Map.entry(emptied, Reason.EMPTIED));
      assertThat(h.outputObjects())
          .doesNotContainKeys(
              h.outputKey(Layout.AVRO, emptied), h.outputKey(Layout.PARQUET, emptied));
      assertOutputsMatch(h, ExpectedOutput.of(h, readerSchema(h), false));
      assertThat(h.run().plan().isEmpty()).as("emptied partition is settled").isTrue();
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void changingTheWinnerRuleRebuildsTheWholeWindow(Backend backend) throws Exception {
    try (CompactorHarness h = CompactorHarness.create(backend, dir)) {
      h.generate(EVENTS_PER_HOUR, 5);
      h.run();

      h.set("event-type.clicks.winner", "received_at desc");
      RunOutcome outcome = h.run();

      assertThat(outcome.plan().work())
          .hasSize(CompactorHarness.WINDOW_HOURS * CompactorHarness.BUCKETS);
      assertThat(outcome.plan().work()).allMatch(w -> w.reason() == Reason.SETTINGS);
      assertOutputsMatch(h, ExpectedOutput.of(h, readerSchema(h), true));
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void changingTheReaderSchemaRebuildsTheWholeWindow(Backend backend) throws Exception {
    try (CompactorHarness h = CompactorHarness.create(backend, dir)) {
      h.generate(EVENTS_PER_HOUR, 6);
      h.run();
      Schema original = readerSchema(h);
      List<Schema.Field> fields = new ArrayList<>();
      original.getFields().forEach(f -> fields.add(new Schema.Field(f, f.schema())));
      fields.add(
          new Schema.Field(
              "country",
              Schema.createUnion(
                  Schema.create(Schema.Type.NULL), Schema.create(Schema.Type.STRING)),
              "added by the reader",
              Schema.Field.NULL_DEFAULT_VALUE));
      Schema widened =
          Schema.createRecord(
              original.getName(), original.getDoc(), original.getNamespace(), false, fields);

      h.setReaderSchema(widened.toString(true));
      RunOutcome outcome = h.run();

      assertThat(outcome.plan().work())
          .hasSize(CompactorHarness.WINDOW_HOURS * CompactorHarness.BUCKETS);
      assertThat(outcome.plan().work()).allMatch(w -> w.reason() == Reason.SETTINGS);
      PartitionId any = outcome.plan().work().get(0).partition();
      List<GenericRecord> rows =
          IndependentReaders.avro(h.readOutput(h.outputKey(Layout.AVRO, any)));
      assertThat(rows)
          .isNotEmpty()
          .allMatch(r -> r.getSchema().equals(widened) && r.get("country") == null);
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void rebuildingFromTheSameInputsGivesByteIdenticalOutputs(Backend backend) throws Exception {
    try (CompactorHarness h = CompactorHarness.create(backend, dir)) {
      h.generate(EVENTS_PER_HOUR, 7);
      h.run();
      Map<String, byte[]> first = contents(h);

      h.deleteManifests();
      RunOutcome again = h.run();

      assertThat(again.plan().work()).allMatch(w -> w.reason() == Reason.NEW);
      Map<String, byte[]> second = contents(h);
      assertThat(second.keySet()).isEqualTo(first.keySet());
      first.forEach((key, bytes) -> assertThat(second.get(key)).as(key).isEqualTo(bytes));
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aPartitionLargerThanTheTaskMemorySpillsAndGivesTheSameBytes(Backend backend)
      throws Exception {
    try (CompactorHarness h = CompactorHarness.create(backend, dir)) {
      h.generate(Window.ending(CompactorHarness.LAST_HOUR, 2), 8_000, 9);
      h.run();
      Map<String, byte[]> inMemory = contents(h);

      h.deleteManifests();
      h.set("spark.task-memory-mb", "1");
      RunOutcome spilled = h.run();

      assertThat(spilled.exitCode()).isEqualTo(ExitCode.DONE);
      assertThat(spilled.plan().rewrites())
          .allMatch(w -> w.inputBytes() * 10 > 1024 * 1024, "inputs exceed the budget");
      Map<String, byte[]> second = contents(h);
      assertThat(second.keySet()).isEqualTo(inMemory.keySet());
      inMemory.forEach((key, bytes) -> assertThat(second.get(key)).as(key).isEqualTo(bytes));
    }
  }

  @ParameterizedTest
  @EnumSource(Backend.class)
  void aDeletedOutputIsRebuilt(Backend backend) throws Exception {
    try (CompactorHarness h = CompactorHarness.create(backend, dir)) {
      h.generate(EVENTS_PER_HOUR, 8);
      h.run();
      PartitionId lost = new PartitionId(CompactorHarness.LAST_HOUR.minusHours(7), 2);
      h.storage().output().store().delete(h.outputKey(Layout.PARQUET, lost));

      RunOutcome outcome = h.run();

      assertThat(reasons(outcome)).containsExactly(Map.entry(lost, Reason.OUTPUT_MISSING));
      assertOutputsMatch(h, ExpectedOutput.of(h, readerSchema(h), false));
    }
  }

  private static Schema readerSchema(CompactorHarness h) {
    return h.eventType().schema();
  }

  private static Map<PartitionId, Reason> reasons(RunOutcome outcome) {
    return outcome.plan().work().stream()
        .collect(
            Collectors.toMap(
                PartitionWork::partition, PartitionWork::reason, (a, b) -> a, TreeMap::new));
  }

  private static List<String> details(RunOutcome outcome) {
    return outcome.plan().work().stream().map(PartitionWork::detail).toList();
  }

  /**
   * A replay (a re-delivered copy of a file in every partition) and a late file with a new event
   * and an earlier copy of a known one: each partition merges only its new files into its previous
   * Avro output, and the outputs and manifest counts are those a full rebuild from every raw file
   * gives.
   */
  @ParameterizedTest
  @EnumSource(Backend.class)
  void aPartitionThatOnlyGainedFilesMergesThemWithTheBytesAndCountsOfAFullRebuild(Backend backend)
      throws Exception {
    try (CompactorHarness h = CompactorHarness.create(backend, dir)) {
      h.generate(EVENTS_PER_HOUR, 11);
      List<PartitionId> partitions =
          h.run().plan().work().stream().map(PartitionWork::partition).toList();
      Map<String, byte[]> builtBytes = contents(h);
      Schema reader = h.eventType().schema();
      ObjectStore inputs = h.storage().input().store();
      for (PartitionId partition : partitions) {
        ObjectInfo first = h.inputFiles(partition).get(0);
        inputs.put(first.key().replace(".avro", "-replay.avro"), inputs.readAll(first.key()));
      }
      PartitionId late = partitions.get(0);
      ObjectInfo file = h.inputFiles(late).get(0);
      List<GenericRecord> records = ExpectedOutput.read(inputs.readAll(file.key()), reader);
      GenericRecord earlier = records.get(0);
      earlier.put("received_at", (Long) earlier.get("received_at") - 1);
      earlier.put("page", "/the-earliest-copy");
      GenericRecord fresh = records.get(1);
      fresh.put("event_id", "a-new-event");
      inputs.put(
          file.key().replace(".avro", "-late.avro"),
          AvroBytes.write(reader, List.of(earlier, fresh)));

      RunOutcome merged = h.run();

      assertThat(merged.plan().work()).hasSize(partitions.size());
      for (PartitionWork work : merged.plan().work()) {
        assertThat(work.carry().previousAvro()).as(work.partition() + " merges").isPresent();
        assertThat(work.inputsToRead())
            .as(work.partition() + " reads only its new files")
            .hasSize(work.partition().equals(late) ? 2 : 1);
      }
      Map<String, byte[]> mergedBytes = contents(h);
      Map<PartitionId, List<Long>> mergedCounts = counts(h, partitions);
      for (PartitionId partition : partitions) {
        String avro = h.outputKey(Layout.AVRO, partition);
        if (!partition.equals(late)) {
          assertThat(mergedBytes.get(avro))
              .as(avro + ": a replay changes no record, so the file stays as it was")
              .isEqualTo(builtBytes.get(avro));
        }
      }
      assertThat(merged.report().totals().bytesWritten())
          .as("only the partition with a new winner is uploaded")
          .isEqualTo(
              mergedBytes.get(h.outputKey(Layout.AVRO, late)).length
                  + mergedBytes.get(h.outputKey(Layout.PARQUET, late)).length);
      List<String> pages =
          ExpectedOutput.read(h.readOutput(h.outputKey(Layout.AVRO, late)), reader).stream()
              .filter(r -> r.get("event_id").toString().equals(earlier.get("event_id").toString()))
              .map(r -> r.get("page").toString())
              .toList();
      assertThat(pages)
          .as("the earlier copy from the late file wins")
          .containsExactly("/the-earliest-copy");

      h.deleteManifests();
      RunOutcome full = h.run();

      assertThat(full.plan().work()).allMatch(w -> w.carry().previousAvro().isEmpty());
      assertThat(contents(h).keySet()).isEqualTo(mergedBytes.keySet());
      contents(h)
          .forEach((key, bytes) -> assertThat(bytes).as(key).isEqualTo(mergedBytes.get(key)));
      assertThat(counts(h, partitions)).isEqualTo(mergedCounts);
    }
  }

  /** Records in and out of each partition's manifest entry. */
  private static Map<PartitionId, List<Long>> counts(
      CompactorHarness h, List<PartitionId> partitions) {
    Map<PartitionId, List<Long>> counts = new TreeMap<>();
    for (PartitionId partition : partitions) {
      String key = h.outputLayout().manifestKey(partition.hour());
      PartitionEntry entry =
          ManifestCodec.decode(h.storage().state().readAll(key), key)
              .partition(partition.bucket())
              .orElseThrow();
      counts.put(partition, List.of(entry.recordsIn(), entry.recordsOut()));
    }
    return counts;
  }

  private static Map<String, byte[]> contents(CompactorHarness h) {
    Map<String, byte[]> contents = new TreeMap<>();
    h.outputObjects().keySet().forEach(k -> contents.put(k, h.readOutput(k)));
    return contents;
  }
}
