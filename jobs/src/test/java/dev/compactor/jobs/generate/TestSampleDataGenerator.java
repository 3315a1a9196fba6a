package dev.compactor.jobs.generate;

import static org.assertj.core.api.Assertions.as;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.compactor.domain.Hour;
import dev.compactor.domain.Window;
import dev.compactor.layout.InputLayout;
import dev.compactor.store.LocalObjectStore;
import dev.compactor.store.ObjectStore;
import dev.compactor.store.StoreException;
import dev.compactor.store.StoreUri;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.assertj.core.api.InstanceOfAssertFactories;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Layout, file counts and reproducibility of the generated files. */
class TestSampleDataGenerator {

  private static final Hour FIRST = Hour.parse("2026-11-23T17");
  private static final InputLayout LAYOUT =
      new InputLayout("{event_type}/dt={date}/hr={hour}/bucket={bucket}");

  @TempDir Path tmp;
  private final ObjectStore store = new LocalObjectStore();

  @Test
  void sameSpecWritesIdenticalFiles() {
    GeneratorSpec spec = spec(2).build();

    assertSameFiles(generate(spec, "a", 2), generate(spec, "b", 2));
  }

  @Test
  void threadCountDoesNotChangeTheFiles() {
    GeneratorSpec spec = spec(2).build();

    assertSameFiles(generate(spec, "one", 1), generate(spec, "three", 3));
  }

  @Test
  void differentSeedWritesDifferentFiles() {
    Map<String, byte[]> a = generate(spec(1).seed(1).build(), "a", 2);
    Map<String, byte[]> b = generate(spec(1).seed(2).build(), "b", 2);

    assertThat(a.keySet()).doesNotContainAnyElementsOf(b.keySet());
    assertThat(a.values().stream().mapToInt(bytes -> bytes.length).sum())
        .isNotEqualTo(b.values().stream().mapToInt(bytes -> bytes.length).sum());
  }

  @Test
  void anHourDoesNotDependOnTheRestOfTheWindow() {
    Map<String, byte[]> twoHours = generate(spec(2).build(), "window", 2);
    GeneratorSpec secondOnly =
        GeneratorSpec.builder("clicks", new Window(FIRST.plusHours(1), FIRST.plusHours(1)))
            .eventsPerHour(2_000)
            .buckets(4)
            .build();
    Map<String, byte[]> oneHour = generate(secondOnly, "hour", 2);

    assertThat(oneHour).isNotEmpty();
    Map<String, byte[]> sameHourOfTwo =
        twoHours.entrySet().stream()
            .filter(e -> e.getKey().contains("/hr=18/"))
            .collect(Collectors.toMap(Map.Entry::getKey, Map.Entry::getValue));
    assertSameFiles(oneHour, sameHourOfTwo);
  }

  @Test
  void writesOneFilePerFlushInEveryBucketOfEveryHour() {
    Map<String, byte[]> files = generate(spec(2).build(), "layout", 2);

    Set<String> folders = new TreeSet<>();
    for (String key : files.keySet()) {
      folders.add(key.substring(0, key.lastIndexOf('/')));
      assertThat(key.substring(key.lastIndexOf('/') + 1))
          .matches("clicks-1-2026-11-23-1[78]-[0-5][05]-00-[0-9a-f]{8}\\.avro");
    }
    assertThat(folders)
        .containsExactly(
            "clicks/dt=2026-11-23/hr=17/bucket=00", "clicks/dt=2026-11-23/hr=17/bucket=01",
            "clicks/dt=2026-11-23/hr=17/bucket=02", "clicks/dt=2026-11-23/hr=17/bucket=03",
            "clicks/dt=2026-11-23/hr=18/bucket=00", "clicks/dt=2026-11-23/hr=18/bucket=01",
            "clicks/dt=2026-11-23/hr=18/bucket=02", "clicks/dt=2026-11-23/hr=18/bucket=03");
    // 500 events per partition leave no 5-minute flush empty.
    assertThat(files).hasSize(2 * 4 * 12);
  }

  @Test
  void followsTheConfiguredLayoutAndPadding() {
    InputLayout firehose = new InputLayout("{event_type}/{yyyy}/{MM}/{dd}/{HH}/b{bucket}");
    StoreUri root = StoreUri.parse(tmp.resolve("firehose").toUri().toString());
    GeneratorSpec spec = spec(1).buckets(3).bucketDigits(3).flushesPerHour(2).build();

    new SampleDataGenerator(store, root, firehose).withProgress(quiet()).generate(spec);

    assertThat(StoredInputs.bytesByKey(store, root).keySet())
        .extracting(key -> key.substring(0, key.lastIndexOf('/')))
        .containsOnly(
            "clicks/2026/11/23/17/b000", "clicks/2026/11/23/17/b001", "clicks/2026/11/23/17/b002");
  }

  @Test
  void printsOneProgressLinePerHour() {
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    StoreUri root = StoreUri.parse(tmp.resolve("progress").toUri().toString());

    new SampleDataGenerator(store, root, LAYOUT)
        .withProgress(new PrintStream(captured, true, StandardCharsets.UTF_8))
        .generate(spec(2).build());

    assertThat(captured.toString(StandardCharsets.UTF_8).lines())
        .hasSize(2)
        .allMatch(
            line ->
                line.matches(
                    "generated clicks 2026-11-23T1[78]: 2,000 events \\([\\d,]+ records\\), 48"
                        + " files, .* MB"));
  }

  @Test
  void zeroDuplicateRateWritesEveryEventOnce() {
    StoreUri root = StoreUri.parse(tmp.resolve("unique").toUri().toString());

    new SampleDataGenerator(store, root, LAYOUT)
        .withProgress(quiet())
        .generate(spec(1).duplicateRate(0).build());

    List<String> ids =
        StoredInputs.read(store, root).stream()
            .flatMap(file -> file.records().stream())
            .map(record -> record.get("event_id").toString())
            .toList();
    assertThat(ids).hasSize(2_000).doesNotHaveDuplicates();
  }

  @Test
  void anEmptyHourWritesNoFiles() {
    StoreUri root = StoreUri.parse(tmp.resolve("empty").toUri().toString());

    GeneratedSummary summary =
        new SampleDataGenerator(store, root, LAYOUT)
            .withProgress(quiet())
            .generate(spec(1).eventsPerHour(0).build());

    assertThat(summary).isEqualTo(GeneratedSummary.EMPTY);
    assertThat(StoredInputs.bytesByKey(store, root)).isEmpty();
  }

  @Test
  void aFailedPutStopsTheRunWithTheStoresMessage() {
    StoreUri root = StoreUri.parse(tmp.resolve("failing").toUri().toString());
    ByteArrayOutputStream captured = new ByteArrayOutputStream();
    SampleDataGenerator generator =
        new SampleDataGenerator(new FailingPutStore(store, 60), root, LAYOUT)
            .withProgress(new PrintStream(captured, true, StandardCharsets.UTF_8));

    assertThatThrownBy(() -> generator.generate(spec(2).build()))
        .isInstanceOf(StoreException.class)
        .hasMessageEndingWith(": injected failure");
    // The first hour (48 files) completed and was reported; the second did not.
    assertThat(captured.toString(StandardCharsets.UTF_8).lines())
        .singleElement(as(InstanceOfAssertFactories.STRING))
        .startsWith("generated clicks 2026-11-23T17: ");
  }

  private GeneratorSpec.Builder spec(int hours) {
    return GeneratorSpec.builder("clicks", Window.ending(FIRST.plusHours(hours - 1L), hours))
        .eventsPerHour(2_000)
        .buckets(4);
  }

  private Map<String, byte[]> generate(GeneratorSpec spec, String folder, int threads) {
    StoreUri root = StoreUri.parse(tmp.resolve(folder).toUri().toString());
    new SampleDataGenerator(store, root, LAYOUT)
        .withThreads(threads)
        .withProgress(quiet())
        .generate(spec);
    return StoredInputs.bytesByKey(store, root);
  }

  /** Compares digests rather than bytes, so a failure lists the differing keys, not kilobytes. */
  private static void assertSameFiles(Map<String, byte[]> actual, Map<String, byte[]> expected) {
    assertThat(digests(actual)).isEqualTo(digests(expected));
  }

  private static Map<String, String> digests(Map<String, byte[]> files) {
    Map<String, String> digests = new TreeMap<>();
    files.forEach((key, bytes) -> digests.put(key, sha256(bytes)));
    return digests;
  }

  private static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static PrintStream quiet() {
    return new PrintStream(PrintStream.nullOutputStream());
  }
}
