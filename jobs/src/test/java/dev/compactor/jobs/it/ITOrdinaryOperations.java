package dev.compactor.jobs.it;

import static dev.compactor.jobs.it.OutputAssertions.assertOutputsMatch;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.compactor.config.MetricsSettings;
import dev.compactor.domain.Hour;
import dev.compactor.domain.PartitionId;
import dev.compactor.domain.Reason;
import dev.compactor.domain.Window;
import dev.compactor.jobs.backfill.BackfillJob.BackfillOutcome;
import dev.compactor.jobs.backfill.BackfillRequest;
import dev.compactor.jobs.it.CompactorHarness.Backend;
import dev.compactor.jobs.run.EmfMetrics;
import dev.compactor.jobs.run.ExitCode;
import dev.compactor.jobs.run.RunOutcome;
import dev.compactor.jobs.status.StatusJob;
import dev.compactor.jobs.status.StatusPrinter;
import dev.compactor.jobs.status.StatusReport;
import dev.compactor.jobs.verify.Problem;
import dev.compactor.jobs.verify.ProblemTable;
import dev.compactor.jobs.verify.VerifyResult;
import dev.compactor.layout.Layout;
import dev.compactor.manifest.ManifestCodec;
import dev.compactor.plan.PartitionWork;
import dev.compactor.plan.Settlement;
import dev.compactor.store.ObjectInfo;
import dev.compactor.store.ObjectStore;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import org.apache.avro.Schema;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * What an operator does week after week, on the real S3 API server: raw input expiring, backfills
 * run again, files dropped in the wrong place, outputs left by runs that never committed, settings
 * changed. Nothing may be lost, and nothing may be hidden.
 */
class ITOrdinaryOperations {

  private static final Hour LAST = CompactorHarness.LAST_HOUR;
  private static final Window SIXTEEN_HOURS = Window.ending(LAST, 16);
  private static final String FIX = "compactor backfill --config c --event-type clicks";

  @TempDir Path dir;

  @Test
  void rawInputExpiringOutsideTheWindowKeepsTheOutputsAndIsReportedAsSuch() throws Exception {
    try (CompactorHarness h = CompactorHarness.create(Backend.S3, dir)) {
      h.generate(SIXTEEN_HOURS, 40, 51);
      h.backfillAtLastHour(backfill(SIXTEEN_HOURS));
      Hour settled = LAST.minusHours(14);
      Map<String, String> before = outputsOf(h, settled);
      var expected = ExpectedOutput.of(h, reader(h), false, SIXTEEN_HOURS);
      for (int bucket = 0; bucket < CompactorHarness.BUCKETS; bucket++) {
        deleteInputs(h, new PartitionId(settled, bucket));
      }

      StatusReport status = status(h);
      assertThat(status.late()).as("expired input is not late data").isEmpty();
      assertThat(status.settled().kept())
          .extracting(PartitionWork::reason)
          .containsOnly(Reason.INPUT_EXPIRED)
          .hasSize(4);
      assertThat(StatusPrinter.render(status, FIX))
          .contains("input expired, outputs kept")
          .doesNotContain("fix:");
      VerifyResult verified = h.verify(new Window(settled, settled));
      assertThat(verified.problems()).isEmpty();
      assertThat(verified.kept()).hasSize(4).allMatch(w -> w.reason() == Reason.INPUT_EXPIRED);
      assertThat(ProblemTable.render(verified, FIX, "clicks"))
          .contains("input expired, outputs kept");

      BackfillOutcome again = h.backfillAtLastHour(backfill(new Window(settled, settled)));
      assertThat(again.exitCode()).isEqualTo(ExitCode.DONE);
      assertThat(outputsOf(h, settled)).as("a backfill leaves the record alone").isEqualTo(before);
      assertOutputsMatch(h, withInputsOf(expected, h, SIXTEEN_HOURS, settled));

      Process deleting =
          h.startCli(
              "backfill",
              "--from",
              settled.toString(),
              "--to",
              settled.toString(),
              "--at",
              LAST.toString(),
              "--delete-emptied");
      assertThat(deleting.waitFor(180, TimeUnit.SECONDS)).isTrue();
      assertThat(deleting.exitValue()).isZero();
      String log = Files.readString(h.lastCliLog());
      for (String key : before.keySet()) {
        assertThat(log).contains("deleted " + h.storage().output().store().uri(key));
      }
      assertThat(outputsOf(h, settled)).as("asked for by name").isEmpty();
    }
  }

  @Test
  void insideTheWindowDeletingADeliveryStillRemovesItsRows() throws Exception {
    try (CompactorHarness h = CompactorHarness.create(Backend.S3, dir)) {
      h.generate(40, 52);
      h.run();
      PartitionId withdrawn = new PartitionId(LAST.minusHours(2), 1);
      deleteInputs(h, withdrawn);

      RunOutcome run = h.run();

      assertThat(run.plan().work())
          .extracting(PartitionWork::reason)
          .containsExactly(Reason.EMPTIED);
      assertOutputsMatch(h, ExpectedOutput.of(h, reader(h), false));
    }
  }

  @Test
  void aLateFileInAPartlyExpiredSettledPartitionKeepsTheRowsOfTheExpiredFiles() throws Exception {
    try (CompactorHarness h = CompactorHarness.create(Backend.S3, dir)) {
      h.generate(SIXTEEN_HOURS, 60, 53);
      h.backfillAtLastHour(backfill(SIXTEEN_HOURS));
      var expected = ExpectedOutput.of(h, reader(h), false, SIXTEEN_HOURS);
      PartitionId partition = new PartitionId(LAST.minusHours(13), 2);
      List<ObjectInfo> files = h.inputFiles(partition);
      ObjectStore inputs = h.storage().input().store();
      inputs.put(
          files.get(0).key().replace(".avro", "-replayed.avro"),
          inputs.readAll(files.get(2).key()));
      inputs.delete(files.get(0).key());
      inputs.delete(files.get(1).key());

      BackfillOutcome backfill =
          h.backfillAtLastHour(backfill(new Window(partition.hour(), partition.hour())));

      assertThat(work(backfill)).containsExactly(Map.entry(partition, Reason.CHANGED));
      assertOutputsMatch(h, expected);
      assertThat(h.verify(new Window(partition.hour(), partition.hour())).problems()).isEmpty();
    }
  }

  @Test
  void aResumedBackfillRunsAgainAChunkThatChangedAfterItWasDone() throws Exception {
    try (CompactorHarness h = CompactorHarness.create(Backend.S3, dir)) {
      Window range = Window.ending(LAST.minusHours(12), 12);
      h.generate(range, 40, 54);
      PartitionId bad = new PartitionId(range.last(), 0);
      String badKey = h.inputFiles(bad).get(0).key().replace(".avro", "-zero.avro");
      h.storage().input().store().put(badKey, new byte[0]);
      BackfillRequest strict =
          BackfillRequest.of("clicks", range).chunkHours(4).strict(true).build();
      BackfillOutcome failed = h.backfillAtLastHour(strict);
      assertThat(failed.exitCode()).isEqualTo(ExitCode.FAILED);

      PartitionId late = new PartitionId(range.first(), 1);
      ObjectInfo file = h.inputFiles(late).get(0);
      h.storage()
          .input()
          .store()
          .put(
              file.key().replace(".avro", "-late.avro"),
              h.storage().input().store().readAll(file.key()));
      h.storage().input().store().delete(badKey);
      BackfillOutcome resumed = h.backfillAtLastHour(strict);

      assertThat(resumed.exitCode()).isEqualTo(ExitCode.DONE);
      assertThat(resumed.skipped()).as("only the chunk that is still done").isEqualTo(1);
      assertThat(work(resumed)).containsEntry(late, Reason.CHANGED);
      assertThat(
              h.backfillAtLastHour(backfill(range)).chunks().stream()
                  .allMatch(c -> c.plan().isEmpty()))
          .isTrue();
      assertOutputsMatch(h, ExpectedOutput.of(h, reader(h), false, range));
    }
  }

  @Test
  void objectsOutsideTheInputTemplateAreNamedCountedAndExitFour() throws Exception {
    try (CompactorHarness h = CompactorHarness.create(Backend.S3, dir)) {
      h.generate(30, 55);
      ObjectStore inputs = h.storage().input().store();
      ObjectInfo someInput = h.inputFiles(new PartitionId(LAST, 3)).get(0);
      String hourLevel =
          someInput.key().substring(0, someInput.key().indexOf("/bucket=")) + "/x.avro";
      String nested =
          someInput.key().substring(0, someInput.key().lastIndexOf('/')) + "/retry/y.avro";
      String ignored = someInput.key().substring(0, someInput.key().lastIndexOf('/')) + "/_SUCCESS";
      inputs.put(hourLevel, inputs.readAll(someInput.key()));
      inputs.put(nested, inputs.readAll(someInput.key()));
      inputs.put(ignored, new byte[0]);

      RunOutcome run = h.run();

      assertThat(run.exitCode()).isEqualTo(ExitCode.PARTIAL);
      assertThat(run.report().unexpected()).containsExactlyInAnyOrder(hourLevel, nested);
      JsonNode emf =
          ManifestCodec.mapper()
              .readTree(
                  EmfMetrics.line(
                      run.report(), new MetricsSettings("Compactor", Map.of()), Instant.now()));
      assertThat(emf.get("FilesUnexpected").asInt()).isEqualTo(2);
      assertThat(h.run().exitCode())
          .as("and again on the next run, until fixed")
          .isEqualTo(ExitCode.PARTIAL);
      StatusReport status = new StatusJob(h.config(), h.storage()).status("clicks", LAST, 24);
      assertThat(status.unexpected())
          .containsExactlyInAnyOrder(inputs.uri(hourLevel), inputs.uri(nested));
      assertThat(StatusPrinter.render(status, FIX))
          .contains("UNEXPECTED OBJECTS", hourLevel, "ignore-pattern");
      VerifyResult verified = h.verify(h.window());
      assertThat(verified.hasProblems()).isTrue();
      assertThat(ProblemTable.render(verified, FIX, "clicks")).contains(nested, "ignore-pattern");

      inputs.delete(hourLevel);
      inputs.delete(nested);
      assertThat(h.run().exitCode()).isEqualTo(ExitCode.DONE);
    }
  }

  @Test
  void lateDataInASettledHourIsReportedAfterASettingsChange() throws Exception {
    try (CompactorHarness h = CompactorHarness.create(Backend.S3, dir)) {
      h.generate(SIXTEEN_HOURS, 30, 56);
      h.backfillAtLastHour(backfill(SIXTEEN_HOURS));
      h.set("event-type.clicks.parquet-codec", "gzip");
      PartitionId settled = new PartitionId(LAST.minusHours(14), 2);
      ObjectInfo file = h.inputFiles(settled).get(0);
      h.storage()
          .input()
          .store()
          .put(
              file.key().replace(".avro", "-late.avro"),
              h.storage().input().store().readAll(file.key()));

      StatusReport status = status(h);

      assertThat(status.late()).extracting(PartitionWork::partition).containsExactly(settled);
      assertThat(status.late()).extracting(PartitionWork::reason).containsExactly(Reason.CHANGED);
      assertThat(status.settled().otherSettings()).isEqualTo(4L * CompactorHarness.BUCKETS);
    }
  }

  @Test
  void orphanOutputsAreFoundByVerifyAndRemovedByTheFixItPrints() throws Exception {
    try (CompactorHarness h = CompactorHarness.create(Backend.S3, dir)) {
      h.generate(SIXTEEN_HOURS, 40, 57);
      h.backfillAtLastHour(backfill(SIXTEEN_HOURS));
      // Outputs a killed run wrote for bucket 7 before its inputs moved back to bucket 1: they hold
      // the IDs bucket 1 holds, and no manifest entry names them.
      PartitionId inWindow = new PartitionId(LAST.minusHours(3), 7);
      PartitionId settled = new PartitionId(LAST.minusHours(14), 7);
      plantOrphan(h, inWindow, new PartitionId(inWindow.hour(), 1));
      plantOrphan(h, settled, new PartitionId(settled.hour(), 1));

      VerifyResult found = h.verify(SIXTEEN_HOURS);
      assertThat(kinds(found.problems()))
          .containsEntry(inWindow, List.of(Problem.Kind.ROW_COUNT, Problem.Kind.ORPHAN_OUTPUT))
          .containsEntry(settled, List.of(Problem.Kind.ROW_COUNT, Problem.Kind.ORPHAN_OUTPUT))
          .containsEntry(
              new PartitionId(inWindow.hour(), 1),
              List.of(Problem.Kind.DUPLICATE_IDS_ACROSS_BUCKETS))
          .containsEntry(
              new PartitionId(settled.hour(), 1),
              List.of(Problem.Kind.DUPLICATE_IDS_ACROSS_BUCKETS))
          .hasSize(4);
      String table = ProblemTable.render(found, FIX, "clicks");
      assertThat(table)
          .contains(FIX + " --from " + inWindow.hour() + " --to " + inWindow.hour() + "\n")
          .contains(
              FIX + " --from " + settled.hour() + " --to " + settled.hour() + " --delete-orphans");

      h.backfillAtLastHour(backfill(new Window(inWindow.hour(), inWindow.hour())));
      BackfillRequest deleteOrphans = backfill(new Window(settled.hour(), settled.hour()));
      assertThat(work(h.backfillAtLastHour(deleteOrphans)))
          .as("settled orphans are kept unless asked")
          .isEmpty();
      h.backfill(
          deleteOrphans.toBuilder()
              .settlement(Settlement.keepAll(LAST, CompactorHarness.WINDOW_HOURS).deletingOrphans())
              .build());

      assertThat(h.verify(SIXTEEN_HOURS).problems()).as("after the printed fixes").isEmpty();
      assertOutputsMatch(h, ExpectedOutput.of(h, reader(h), false, SIXTEEN_HOURS));
    }
  }

  @Test
  void verifyFindsAnEventThatTwoBucketsOfAnHourHold() throws Exception {
    try (CompactorHarness h = CompactorHarness.create(Backend.S3, dir)) {
      h.generate(30, 58);
      PartitionId right = new PartitionId(LAST.minusHours(1), 0);
      PartitionId wrong = new PartitionId(LAST.minusHours(1), 3);
      ObjectInfo file = h.inputFiles(right).get(0);
      String wrongKey = h.inputFiles(wrong).get(0).key().replace(".avro", "-misplaced.avro");
      h.storage().input().store().put(wrongKey, h.storage().input().store().readAll(file.key()));
      h.run();

      List<Problem> problems = h.verify(h.window()).problems();

      assertThat(problems)
          .extracting(Problem::kind)
          .containsExactly(Problem.Kind.DUPLICATE_IDS_ACROSS_BUCKETS);
      assertThat(problems.get(0).partition()).isEqualTo(right);
      assertThat(problems.get(0).detail()).contains("buckets [0, 3]");
    }
  }

  private static void plantOrphan(CompactorHarness h, PartitionId orphan, PartitionId copyOf) {
    ObjectStore outputs = h.storage().output().store();
    for (String format : List.of(Layout.AVRO, Layout.PARQUET)) {
      outputs.put(h.outputKey(format, orphan), outputs.readAll(h.outputKey(format, copyOf)));
    }
  }

  /** The hour's output objects: key to the SHA-256 of their bytes. */
  private static Map<String, String> outputsOf(CompactorHarness h, Hour hour) throws Exception {
    Map<String, String> objects = new TreeMap<>();
    for (String key : h.outputObjects().keySet()) {
      if (key.contains(
          "/dt=" + hour.date() + "/hr=" + String.format("%02d", hour.hourOfDay()) + "/")) {
        byte[] digest = MessageDigest.getInstance("SHA-256").digest(h.readOutput(key));
        objects.put(key, HexFormat.of().formatHex(digest));
      }
    }
    return objects;
  }

  /**
   * The expected outputs of {@code window}, for hours whose inputs are gone the ones computed
   * before.
   */
  private static Map<PartitionId, Map<String, GenericRecord>> withInputsOf(
      Map<PartitionId, Map<String, GenericRecord>> before,
      CompactorHarness h,
      Window window,
      Hour expired) {
    var now = new TreeMap<>(ExpectedOutput.of(h, reader(h), false, window));
    before.forEach(
        (p, rows) -> {
          if (p.hour().equals(expired)) {
            now.put(p, rows);
          }
        });
    return now;
  }

  private static void deleteInputs(CompactorHarness h, PartitionId partition) {
    h.inputFiles(partition).forEach(f -> h.storage().input().store().delete(f.key()));
  }

  private static StatusReport status(CompactorHarness h) {
    return new StatusJob(h.config(), h.storage()).status("clicks", LAST, 24);
  }

  private static BackfillRequest backfill(Window range) {
    return BackfillRequest.of("clicks", range).build();
  }

  private static Map<PartitionId, Reason> work(BackfillOutcome outcome) {
    Map<PartitionId, Reason> work = new TreeMap<>();
    outcome
        .chunks()
        .forEach(c -> c.plan().work().forEach(w -> work.put(w.partition(), w.reason())));
    return work;
  }

  private static Map<PartitionId, List<Problem.Kind>> kinds(List<Problem> problems) {
    Map<PartitionId, List<Problem.Kind>> kinds = new TreeMap<>();
    problems.forEach(
        p -> kinds.computeIfAbsent(p.partition(), k -> new ArrayList<>()).add(p.kind()));
    return kinds;
  }

  private static Schema reader(CompactorHarness h) {
    return h.eventType().schema();
  }
}
