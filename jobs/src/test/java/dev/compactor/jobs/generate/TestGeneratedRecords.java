package dev.compactor.jobs.generate;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compactor.domain.Hour;
import dev.compactor.domain.Window;
import dev.compactor.jobs.generate.StoredInputs.StoredFile;
import dev.compactor.layout.InputLayout;
import dev.compactor.store.LocalObjectStore;
import dev.compactor.store.StoreUri;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.avro.generic.GenericData;
import org.apache.avro.generic.GenericRecord;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the generated files contain, read back with plain Avro and the configured reader schema. */
class TestGeneratedRecords {

  private static final double DUPLICATE_RATE = 0.05;
  private static final int MAX_COPIES = 3;
  private static final int HOURS = 2;
  private static final int EVENTS_PER_HOUR = 6_000;

  @TempDir static Path tmp;
  private static List<StoredFile> files;
  private static Map<String, List<Copy>> copiesById;

  /** One record and the file it was read from. */
  private record Copy(StoredFile file, GenericRecord record) {}

  @BeforeAll
  static void generateOnce() {
    StoreUri root = StoreUri.parse(tmp.toUri().toString());
    LocalObjectStore store = new LocalObjectStore();
    GeneratorSpec spec =
        GeneratorSpec.builder("clicks", Window.ending(Hour.parse("2026-11-23T18"), HOURS))
            .eventsPerHour(EVENTS_PER_HOUR)
            .buckets(8)
            .duplicateRate(DUPLICATE_RATE)
            .maxCopies(MAX_COPIES)
            .seed(7)
            .build();
    new SampleDataGenerator(
            store, root, new InputLayout("{event_type}/dt={date}/hr={hour}/bucket={bucket}"))
        .withProgress(new PrintStream(PrintStream.nullOutputStream()))
        .generate(spec);
    files = StoredInputs.read(store, root);
    copiesById = new HashMap<>();
    for (StoredFile file : files) {
      for (GenericRecord record : file.records()) {
        copiesById.computeIfAbsent(id(record), k -> new ArrayList<>()).add(new Copy(file, record));
      }
    }
  }

  @Test
  void everyEventOfEveryHourIsThere() {
    assertThat(copiesById).hasSize(HOURS * EVENTS_PER_HOUR);
  }

  @Test
  void everyCopyIsInTheBucketAndHourItsIdAndTimeHashTo() {
    for (Map.Entry<String, List<Copy>> entry : copiesById.entrySet()) {
      Set<String> folders =
          entry.getValue().stream()
              .map(c -> c.file().hour() + "/" + c.file().bucket())
              .collect(Collectors.toSet());
      assertThat(folders).as(entry.getKey()).hasSize(1);
      Copy any = entry.getValue().get(0);
      assertThat(any.file().bucket()).isEqualTo(EventIds.bucketOf(entry.getKey(), 8));
      Instant eventTime = Instant.ofEpochMilli((Long) any.record().get("event_time"));
      assertThat(Hour.containing(eventTime)).hasToString(any.file().hour());
    }
  }

  @Test
  void bothWriterSchemasAndBothCodecsAppear() {
    assertThat(files)
        .extracting(StoredFile::codec)
        .containsOnly("deflate", "snappy")
        .contains("deflate", "snappy");
    assertThat(files)
        .extracting(f -> f.writerSchema().getField("referrer") == null ? "v1" : "v2")
        .contains("v1", "v2");
    assertThat(files)
        .filteredOn(f -> f.writerSchema().getField("referrer") == null)
        .flatExtracting(StoredFile::records)
        .allMatch(r -> r.get("referrer") == null && r.get("duration_ms") instanceof Long);
    assertThat(files).flatExtracting(StoredFile::records).anyMatch(r -> r.get("referrer") != null);
  }

  @Test
  void receivedAtFollowsEventTime() {
    assertThat(files)
        .flatExtracting(StoredFile::records)
        .allMatch(r -> (Long) r.get("received_at") > (Long) r.get("event_time"));
  }

  @Test
  void duplicateRateIsRoughlyAsConfigured() {
    long distinct = copiesById.size();
    long duplicated = copiesById.values().stream().filter(c -> c.size() > 1).count();
    long records = copiesById.values().stream().mapToLong(List::size).sum();
    double meanExtraCopies = (1 + MAX_COPIES) / 2.0;

    // 12,000 events at 5%: the standard deviation of the duplicated share is about 0.002.
    assertThat((double) duplicated / distinct)
        .isBetween(DUPLICATE_RATE - 0.01, DUPLICATE_RATE + 0.01);
    assertThat((double) records / distinct)
        .isBetween(
            1 + (DUPLICATE_RATE - 0.01) * meanExtraCopies,
            1 + (DUPLICATE_RATE + 0.01) * meanExtraCopies);
    assertThat(copiesById.values()).allMatch(c -> c.size() <= 1 + MAX_COPIES);
  }

  @Test
  void duplicatesAppearWithinOneFileAndAcrossFiles() {
    long duplicated = copiesById.values().stream().filter(c -> c.size() > 1).count();
    long withinFile = copiesById.values().stream().filter(c -> c.size() > distinctFiles(c)).count();
    long acrossFiles = copiesById.values().stream().filter(c -> distinctFiles(c) > 1).count();

    // Half of all copies are retried batches and half redeliveries, so both kinds are common.
    assertThat(withinFile).isGreaterThan(duplicated / 3);
    assertThat(acrossFiles).isGreaterThan(duplicated / 3);
  }

  @Test
  void retriedCopiesAreIdenticalAndRedeliveredOnesArriveLaterInTheSameOrALaterFile() {
    for (List<Copy> copies : copiesById.values()) {
      Copy original =
          copies.stream()
              .min(Comparator.comparingLong(TestGeneratedRecords::receivedAt))
              .orElseThrow();
      for (Copy copy : copies) {
        if (receivedAt(copy) == receivedAt(original)) {
          assertThat(copy.record()).isEqualTo(original.record());
          assertThat(copy.file()).isSameAs(original.file());
        } else {
          assertThat(withoutReceivedAt(copy)).isEqualTo(withoutReceivedAt(original));
          // Flush files of one partition sort by their flush time.
          assertThat(copy.file().name()).isGreaterThanOrEqualTo(original.file().name());
        }
      }
    }
  }

  private static long distinctFiles(List<Copy> copies) {
    return copies.stream().map(c -> c.file().relativeKey()).distinct().count();
  }

  private static long receivedAt(Copy copy) {
    return (Long) copy.record().get("received_at");
  }

  private static String withoutReceivedAt(Copy copy) {
    GenericRecord record = new GenericData.Record((GenericData.Record) copy.record(), true);
    record.put("received_at", 0L);
    return record.toString();
  }

  private static String id(GenericRecord record) {
    return record.get("event_id").toString();
  }
}
