package dev.compactor.plan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compactor.domain.Hour;
import dev.compactor.domain.InputFile;
import dev.compactor.domain.OutputFile;
import dev.compactor.domain.PartitionId;
import dev.compactor.domain.Quarantined;
import dev.compactor.domain.Reason;
import dev.compactor.domain.Window;
import dev.compactor.manifest.HourManifest;
import dev.compactor.manifest.PartitionEntry;
import dev.compactor.store.ObjectInfo;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

class TestWindowPlanner {

  private static final String SETTINGS = "settings-v1";
  private static final Hour H17 = Hour.parse("2026-11-23T17");
  private static final Window WINDOW = Window.ending(H17, 12);

  private final Map<PartitionId, List<InputFile>> inputs = new HashMap<>();
  private final Map<String, ObjectInfo> outputs = new HashMap<>();
  private final Map<PartitionId, Set<String>> outputsByPartition = new HashMap<>();
  private final Map<Hour, HourManifest> manifests = new HashMap<>();

  @Test
  void emptyWindowPlansNothing() {
    assertThat(plan().isEmpty()).isTrue();
    assertThat(plan().partitions()).isEmpty();
  }

  @Test
  void partitionWithInputsAndNoManifestIsNew() {
    inputFiles(H17, 3, file("a", "m1"), file("b", "m2"));

    PartitionWork work = only(plan());

    assertThat(work.reason()).isEqualTo(Reason.NEW);
    assertThat(work.partition()).isEqualTo(new PartitionId(H17, 3));
    assertThat(work.inputs()).extracting(InputFile::key).containsExactly("a", "b");
  }

  @Test
  void builtPartitionWithSameInputsIsUnchanged() {
    inputFiles(H17, 3, file("a", "m1"));
    built(H17, 3, SETTINGS, file("a", "m1"));

    Plan plan = plan();

    assertThat(only(plan).reason()).isEqualTo(Reason.UNCHANGED);
    assertThat(plan.isEmpty()).isTrue();
    assertThat(plan.hoursToCommit()).isEmpty();
  }

  @Test
  void lateFileMakesThePartitionChanged() {
    inputFiles(H17, 3, file("a", "m1"), file("late", "m9"));
    built(H17, 3, SETTINGS, file("a", "m1"));

    PartitionWork work = only(plan());

    assertThat(work.reason()).isEqualTo(Reason.CHANGED);
    assertThat(work.detail()).isEqualTo("+1 file(s)");
  }

  @Test
  void aPartitionThatOnlyGainedFilesMergesThemIntoItsPreviousAvro() {
    inputFiles(H17, 3, file("a", "m1"), file("late", "m9"));
    built(H17, 3, SETTINGS, file("a", "m1"));

    PartitionWork work = only(plan());

    assertThat(work.reason()).isEqualTo(Reason.CHANGED);
    assertThat(work.carry().previousAvro().map(OutputFile::key)).contains("out/" + H17 + "/3.avro");
    assertThat(work.carry().previousParquet().map(OutputFile::key))
        .contains("out/" + H17 + "/3.parquet");
    assertThat(work.inputsToRead()).containsExactly(file("late", "m9"));
    assertThat(work.recordedInputs()).containsExactly(file("a", "m1"), file("late", "m9"));
    assertThat(work.fingerprint())
        .isEqualTo(Fingerprints.partition(SETTINGS, List.of(file("a", "m1"), file("late", "m9"))));
  }

  @Test
  void aPartitionWithARemovedOrReplacedFileRereadsEveryFile() {
    inputFiles(H17, 3, file("a", "m1-new"), file("late", "m9"));
    built(H17, 3, SETTINGS, file("a", "m1"));
    inputFiles(H17, 4, file("late", "m9"));
    built(H17, 4, SETTINGS, file("b", "m2"));

    for (PartitionWork work : plan().partitions()) {
      assertThat(work.reason()).isEqualTo(Reason.CHANGED);
      assertRereadsEveryFile(work);
    }
  }

  @Test
  void otherSettingsForceAQuarantineOrAnOverwrittenAvroRereadEveryFile() {
    inputFiles(H17, 1, file("a", "m1"), file("late", "m9"));
    built(H17, 1, "older-settings", file("a", "m1"));
    inputFiles(H17, 2, file("a", "m1"), file("late", "m9"));
    built(H17, 2, SETTINGS, file("a", "m1"));
    quarantineIn(H17, 2, "bad.avro");
    inputFiles(H17, 3, file("a", "m1"), file("late", "m9"));
    built(H17, 3, SETTINGS, file("a", "m1"));
    outputs.put("out/" + H17 + "/3.avro", object("out/" + H17 + "/3.avro", 10, "etag-by-hand"));

    plan().partitions().forEach(TestWindowPlanner::assertRereadsEveryFile);

    // The same late file in a partition that would merge it, under --force.
    inputFiles(H17, 4, file("a", "m1"), file("late", "m9"));
    built(H17, 4, SETTINGS, file("a", "m1"));
    assertThat(plan().partitions().get(3).carry().previousAvro()).isPresent();
    Plan forced =
        WindowPlanner.plan(
            WINDOW, listing(), manifests, new PlanRules(SETTINGS, true, Settlement.hourly(WINDOW)));
    forced.partitions().forEach(TestWindowPlanner::assertRereadsEveryFile);
  }

  @Test
  void aParquetOutputOverwrittenOutsideTheCompactorIsNeverKept() {
    inputFiles(H17, 3, file("a", "m1"), file("late", "m9"));
    built(H17, 3, SETTINGS, file("a", "m1"));
    outputs.put(
        "out/" + H17 + "/3.parquet", object("out/" + H17 + "/3.parquet", 10, "etag-by-hand"));

    PartitionWork work = only(plan());

    assertThat(work.carry().previousAvro()).isPresent();
    assertThat(work.carry().previousParquet()).isEmpty();
  }

  private static void assertRereadsEveryFile(PartitionWork work) {
    assertThat(work.carry().previousAvro()).as(work.partition() + " carries nothing").isEmpty();
    assertThat(work.inputsToRead()).as(work.partition() + " reads").isEqualTo(work.inputs());
  }

  @Test
  void replacedContentMakesThePartitionChanged() {
    inputFiles(H17, 3, file("a", "new-md5"));
    built(H17, 3, SETTINGS, file("a", "old-md5"));

    assertThat(only(plan()).reason()).isEqualTo(Reason.CHANGED);
    assertThat(only(plan()).detail()).isEqualTo("1 replaced");
  }

  @Test
  void deletedFileMakesThePartitionChanged() {
    inputFiles(H17, 3, file("a", "m1"));
    built(H17, 3, SETTINGS, file("a", "m1"), file("b", "m2"));

    assertThat(only(plan()).detail()).isEqualTo("-1 file(s)");
  }

  @Test
  void allInputsGoneEmptiesThePartition() {
    built(H17, 3, SETTINGS, file("a", "m1"));

    PartitionWork work = only(plan());

    assertThat(work.reason()).isEqualTo(Reason.EMPTIED);
    assertThat(work.reason().requiresRewrite()).isFalse();
    assertThat(plan().hoursToCommit()).containsExactly(H17);
  }

  @Test
  void settingsChangeRebuildsEvenWithSameInputs() {
    inputFiles(H17, 3, file("a", "m1"));
    built(H17, 3, "settings-v0", file("a", "m1"));

    assertThat(only(plan()).reason()).isEqualTo(Reason.SETTINGS);
  }

  @Test
  void deletedOutputIsRebuilt() {
    inputFiles(H17, 3, file("a", "m1"));
    built(H17, 3, SETTINGS, file("a", "m1"));
    outputs.remove("out/" + H17 + "/3.parquet");

    PartitionWork work = only(plan());

    assertThat(work.reason()).isEqualTo(Reason.OUTPUT_MISSING);
    assertThat(work.detail()).contains("3.parquet is missing");
  }

  @Test
  void outputOverwrittenBehindTheManifestIsRebuilt() {
    inputFiles(H17, 3, file("a", "m1"));
    built(H17, 3, SETTINGS, file("a", "m1"));
    outputs.put("out/" + H17 + "/3.avro", object("out/" + H17 + "/3.avro", 10, "other-etag"));

    assertThat(only(plan()).reason()).isEqualTo(Reason.OUTPUT_MISSING);
  }

  @Test
  void forceRebuildsUnchangedPartitions() {
    inputFiles(H17, 3, file("a", "m1"));
    built(H17, 3, SETTINGS, file("a", "m1"));

    Plan plan =
        WindowPlanner.plan(
            WINDOW, listing(), manifests, new PlanRules(SETTINGS, true, Settlement.hourly(WINDOW)));

    assertThat(only(plan).reason()).isEqualTo(Reason.FORCED);
  }

  @Test
  void etagChangeAloneWithSameMd5IsUnchanged() {
    // A multipart re-upload of identical bytes gets a new ETag but the same MD5: no rebuild.
    inputFiles(H17, 3, new InputFile("a", 10, "etag-2", "m1"));
    built(H17, 3, SETTINGS, new InputFile("a", 10, "etag-1", "m1"));

    assertThat(only(plan()).reason()).isEqualTo(Reason.UNCHANGED);
  }

  @Test
  void partitionsOutsideTheWindowAreIgnored() {
    inputFiles(H17.minusHours(12), 1, file("old", "m1"));
    inputFiles(H17.minusHours(11), 1, file("oldest-in-window", "m1"));

    assertThat(plan().partitions())
        .extracting(PartitionWork::partition)
        .containsExactly(new PartitionId(H17.minusHours(11), 1));
  }

  @Test
  void inputOrderDoesNotChangeTheFingerprint() {
    inputFiles(H17, 1, file("a", "m1"), file("b", "m2"));
    inputFiles(H17, 2, file("b", "m2"), file("a", "m1"));

    List<PartitionWork> work = plan().partitions();

    assertThat(work.get(0).fingerprint()).isEqualTo(work.get(1).fingerprint());
  }

  @Test
  void planCountsBytesAndReasons() {
    inputFiles(H17, 1, file("a", "m1"), file("b", "m2"));
    inputFiles(H17.minusHours(1), 2, file("c", "m3"));
    built(H17.minusHours(1), 2, SETTINGS, file("c", "m3"));

    Plan plan = plan();

    assertThat(plan.countByReason())
        .containsEntry(Reason.NEW, 1L)
        .containsEntry(Reason.UNCHANGED, 1L);
    assertThat(plan.bytesToRead()).isEqualTo(20);
    assertThat(plan.filesToRead()).isEqualTo(2);
  }

  @Test
  void describesMixedChanges() {
    String detail =
        WindowPlanner.describeChange(
            List.of(file("a", "1"), file("b", "2"), file("c", "3")),
            List.of(file("a", "1"), file("b", "changed"), file("d", "4"), file("e", "5")));

    assertThat(detail).isEqualTo("+2 file(s), -1 file(s), 1 replaced");
  }

  @Test
  void settledPartitionWhoseInputsExpiredKeepsItsOutputsAndEntry() {
    built(H17, 3, SETTINGS, file("a", "m1"), file("b", "m2"));

    Plan plan = planSettled(false);

    assertThat(only(plan).reason()).isEqualTo(Reason.INPUT_EXPIRED);
    assertThat(only(plan).detail()).contains("outputs kept");
    assertThat(plan.isEmpty()).isTrue();
    assertThat(plan.hoursToCommit()).isEmpty();
  }

  @Test
  void settledPartitionPartlyExpiredWithNothingNewIsKeptAsItIs() {
    inputFiles(H17, 3, file("b", "m2"));
    built(H17, 3, SETTINGS, file("a", "m1"), file("b", "m2"));

    assertThat(only(planSettled(false)).reason()).isEqualTo(Reason.INPUT_EXPIRED);
    assertThat(only(planSettled(false)).detail()).startsWith("1 of 2 input file(s) expired");
  }

  @Test
  void deleteEmptiedTreatsExpiredInputOfASettledHourAsWithdrawn() {
    built(H17, 3, SETTINGS, file("a", "m1"));

    assertThat(only(planSettled(true)).reason()).isEqualTo(Reason.EMPTIED);
  }

  @Test
  void lateFileInAPartlyExpiredSettledPartitionCarriesThePreviousAvroOver() {
    inputFiles(H17, 3, file("b", "m2"), file("late", "m9"));
    built(H17, 3, SETTINGS, file("a", "m1"), file("b", "m2"));

    PartitionWork work = only(planSettled(false));

    assertThat(work.reason()).isEqualTo(Reason.CHANGED);
    assertThat(work.carry().previousAvro())
        .hasValueSatisfying(o -> assertThat(o.key()).endsWith("3.avro"));
    // Rows of expired files are carried, but the Parquet is rewritten: fewer checks, same bytes.
    assertThat(work.carry().previousParquet()).isEmpty();
    assertThat(work.inputsToRead()).extracting(InputFile::key).containsExactly("late");
    assertThat(work.recordedInputs()).extracting(InputFile::key).containsExactly("a", "b", "late");
    assertThat(work.fingerprint())
        .isEqualTo(Fingerprints.partition(SETTINGS, work.recordedInputs()));
  }

  @Test
  void deleteEmptiedNeverDropsTheRowsOfAPartlyExpiredPartition() {
    inputFiles(H17, 3, file("b", "m2"), file("late", "m9"));
    built(H17, 3, SETTINGS, file("a", "m1"), file("b", "m2"));

    PartitionWork work = only(planSettled(true));

    assertThat(work.carry().previousAvro()).isPresent();
    assertThat(work.recordedInputs()).extracting(InputFile::key).containsExactly("a", "b", "late");
  }

  @Test
  void inputChangesAreReportedWhenTheSettingsChangedToo() {
    inputFiles(H17, 3, file("a", "m1"), file("late", "m9"));
    built(H17, 3, "settings-v0", file("a", "m1"));

    PartitionWork work = only(plan());

    assertThat(work.reason()).isEqualTo(Reason.CHANGED);
    assertThat(work.detail()).isEqualTo("+1 file(s); settings changed too");
  }

  @Test
  void outputsThatNoManifestNamesAreOrphanedInTheWindowAndKeptWhenSettled() {
    strayOutput(H17, 3, "out/" + H17 + "/3.avro");

    assertThat(only(plan()).reason()).isEqualTo(Reason.ORPHANED);
    assertThat(only(plan()).strays()).containsExactly("out/" + H17 + "/3.avro");
    assertThat(only(plan()).reason().requiresRewrite()).isFalse();
    assertThat(only(planSettled(false)).reason()).isEqualTo(Reason.ORPHAN_KEPT);
    assertThat(planSettled(false).isEmpty()).isTrue();
  }

  @Test
  void strayOutputsBesideTheRecordedOnesAreOrphaned() {
    inputFiles(H17, 3, file("a", "m1"));
    built(H17, 3, SETTINGS, file("a", "m1"));
    strayOutput(H17, 3, "out/" + H17 + "/part-3.avro");

    PartitionWork work = only(plan());

    assertThat(work.reason()).isEqualTo(Reason.ORPHANED);
    assertThat(work.strays()).containsExactly("out/" + H17 + "/part-3.avro");
  }

  @Test
  void aRebuildNamesTheStraysItMustDelete() {
    inputFiles(H17, 3, file("a", "m1"));
    strayOutput(H17, 3, "out/" + H17 + "/3.avro");

    PartitionWork work = only(plan());

    assertThat(work.reason()).isEqualTo(Reason.NEW);
    assertThat(work.strays()).containsExactly("out/" + H17 + "/3.avro");
  }

  private Plan plan() {
    return WindowPlanner.plan(WINDOW, listing(), manifests, PlanRules.hourly(SETTINGS, WINDOW));
  }

  /** A plan in which every hour of the window is settled. */
  private Plan planSettled(boolean deleteEmptied) {
    Settlement settled = new Settlement(H17.plusHours(1), deleteEmptied, false);
    return WindowPlanner.plan(
        WINDOW, listing(), manifests, new PlanRules(SETTINGS, false, settled));
  }

  private Listing listing() {
    return new Listing(
        inputs, new Listing.Outputs(outputs, outputsByPartition), List.of(), List.of());
  }

  private void strayOutput(Hour hour, int bucket, String key) {
    outputs.put(key, object(key, 10, "etag-" + key));
    outputsByPartition
        .computeIfAbsent(new PartitionId(hour, bucket), k -> new TreeSet<>())
        .add(key);
  }

  private static PartitionWork only(Plan plan) {
    assertThat(plan.partitions()).hasSize(1);
    return plan.partitions().get(0);
  }

  private void inputFiles(Hour hour, int bucket, InputFile... files) {
    inputs.put(new PartitionId(hour, bucket), List.of(files));
  }

  /** Records a build of the partition from {@code files} with its two outputs present. */
  private void built(Hour hour, int bucket, String settings, InputFile... files) {
    List<OutputFile> outs = new ArrayList<>();
    for (String ext : List.of("avro", "parquet")) {
      String key = "out/" + hour + "/" + bucket + "." + ext;
      outs.add(new OutputFile(ext, key, 10, "etag-" + key, 1));
      outputs.put(key, object(key, 10, "etag-" + key));
      outputsByPartition
          .computeIfAbsent(new PartitionId(hour, bucket), k -> new TreeSet<>())
          .add(key);
    }
    PartitionEntry entry =
        new PartitionEntry(
            bucket,
            settings,
            Fingerprints.partition(settings, List.of(files)),
            "run-1",
            1,
            1,
            List.of(files),
            outs,
            List.of());
    HourManifest previous = manifests.getOrDefault(hour, HourManifest.empty("clicks", hour));
    List<PartitionEntry> entries = new ArrayList<>(previous.partitions());
    entries.add(entry);
    manifests.put(hour, new HourManifest(HourManifest.FORMAT, "clicks", hour, entries));
  }

  /** Gives the recorded build of the partition a quarantined file. */
  private void quarantineIn(Hour hour, int bucket, String key) {
    HourManifest manifest = manifests.get(hour);
    List<PartitionEntry> entries = new ArrayList<>();
    for (PartitionEntry e : manifest.partitions()) {
      entries.add(
          e.bucket() != bucket
              ? e
              : new PartitionEntry(
                  e.bucket(),
                  e.settingsFingerprint(),
                  e.fingerprint(),
                  e.runId(),
                  e.recordsIn(),
                  e.recordsOut(),
                  e.inputs(),
                  e.outputs(),
                  List.of(new Quarantined(key, "md5", "zero-byte file"))));
    }
    manifests.put(hour, new HourManifest(HourManifest.FORMAT, "clicks", hour, entries));
  }

  private static InputFile file(String key, String md5) {
    return new InputFile(key, 10, "etag-" + md5, md5);
  }

  private static ObjectInfo object(String key, long size, String etag) {
    return new ObjectInfo(key, size, etag, Instant.EPOCH);
  }
}
