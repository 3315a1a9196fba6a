package dev.compactor.jobs.it;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compactor.domain.Hour;
import dev.compactor.domain.PartitionId;
import dev.compactor.jobs.backfill.BackfillRequest;
import dev.compactor.jobs.it.CompactorHarness.Backend;
import dev.compactor.jobs.verify.Problem;
import dev.compactor.jobs.verify.ProblemTable;
import dev.compactor.layout.Layout;
import dev.compactor.store.ObjectInfo;
import dev.compactor.store.ObjectStore;
import java.io.ByteArrayOutputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Collectors;
import org.apache.avro.file.DataFileWriter;
import org.apache.avro.generic.GenericDatumWriter;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * verify finds planted problems without trusting the manifest, and the backfill it suggests fixes
 * them.
 */
class ITVerify {

  private static final Hour LAST = CompactorHarness.LAST_HOUR;

  @TempDir Path dir;

  @Test
  void findsEachPlantedProblemAndTheSuggestedBackfillFixesThem() throws Exception {
    try (CompactorHarness h = CompactorHarness.create(Backend.S3, dir)) {
      h.generate(80, 31);
      h.run();
      assertThat(verify(h)).as("a fresh compaction verifies clean").isEmpty();

      PartitionId duplicated = new PartitionId(LAST.minusHours(1), 0);
      PartitionId deleted = new PartitionId(LAST.minusHours(2), 1);
      PartitionId lateInput = new PartitionId(LAST.minusHours(3), 2);
      PartitionId disagreeing = new PartitionId(LAST.minusHours(4), 3);
      injectDuplicate(h, h.outputKey(Layout.AVRO, duplicated));
      h.storage().output().store().delete(h.outputKey(Layout.PARQUET, deleted));
      ObjectStore inputs = h.storage().input().store();
      ObjectInfo someInput = h.inputFiles(lateInput).get(0);
      inputs.put(someInput.key().replace(".avro", "-late.avro"), inputs.readAll(someInput.key()));
      ObjectStore outputs = h.storage().output().store();
      outputs.put(
          h.outputKey(Layout.PARQUET, disagreeing),
          outputs.readAll(h.outputKey(Layout.PARQUET, new PartitionId(LAST.minusHours(5), 3))));

      List<Problem> problems = verify(h);

      assertThat(kinds(problems))
          .containsEntry(
              duplicated,
              List.of(
                  Problem.Kind.DUPLICATE_IDS,
                  Problem.Kind.ROW_COUNT,
                  Problem.Kind.FORMATS_DISAGREE))
          .containsEntry(deleted, List.of(Problem.Kind.OUTPUT_MISSING))
          .containsEntry(lateInput, List.of(Problem.Kind.INPUTS_CHANGED))
          .containsEntry(disagreeing, List.of(Problem.Kind.FORMATS_DISAGREE))
          .hasSize(4);
      String table =
          ProblemTable.render(problems, "compactor backfill --config c --event-type clicks");
      assertThat(table)
          .contains("duplicate-ids", "output-missing", "inputs-changed", "formats-disagree")
          .contains(
              "compactor backfill --config c --event-type clicks --from "
                  + deleted.hour()
                  + " --to "
                  + deleted.hour())
          .contains(
              "To fix them all: compactor backfill --config c --event-type clicks --from "
                  + disagreeing.hour()
                  + " --to "
                  + duplicated.hour());

      h.backfill(BackfillRequest.of("clicks", h.window()).build());

      assertThat(verify(h)).as("after the suggested backfill").isEmpty();
    }
  }

  private static List<Problem> verify(CompactorHarness h) {
    return h.verify(h.window()).problems();
  }

  private static Map<PartitionId, List<Problem.Kind>> kinds(List<Problem> problems) {
    return problems.stream()
        .collect(
            Collectors.groupingBy(
                Problem::partition,
                TreeMap::new,
                Collectors.mapping(Problem::kind, Collectors.toList())));
  }

  /** Rewrites an Avro output with its first record twice, as a buggy writer might. */
  private static void injectDuplicate(CompactorHarness h, String key) throws Exception {
    List<GenericRecord> records = IndependentReaders.avro(h.readOutput(key));
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try (DataFileWriter<GenericRecord> writer =
        new DataFileWriter<>(new GenericDatumWriter<GenericRecord>(records.get(0).getSchema()))) {
      writer.create(records.get(0).getSchema(), out);
      writer.append(records.get(0));
      for (GenericRecord r : records) {
        writer.append(r);
      }
    }
    h.storage().output().store().put(key, out.toByteArray());
  }
}
