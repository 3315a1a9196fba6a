package dev.compactor.jobs.bench;

import dev.compactor.config.CompactorConfig;
import dev.compactor.config.ConfigLoader;
import dev.compactor.domain.Hour;
import dev.compactor.domain.Window;
import dev.compactor.jobs.generate.GeneratedSummary;
import dev.compactor.jobs.generate.GeneratorSpec;
import dev.compactor.jobs.generate.SampleDataGenerator;
import dev.compactor.layout.InputLayout;
import dev.compactor.store.ObjectInfo;
import dev.compactor.store.S3TestServer;
import dev.compactor.store.Storage;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.avro.file.DataFileStream;
import org.apache.avro.generic.GenericDatumReader;
import org.apache.avro.generic.GenericRecord;

/**
 * One data set of the benchmark in its own S3 bucket (or local folder, {@link BenchStore#FILE}):
 * raw input written by the project's generator, and a configuration file that points every
 * contestant at it through the counting proxy (and, at 1x, a second one for {@code ours-iceberg},
 * {@link #writeIcebergConfig}). Data is written straight to the server, so generating it never
 * shows up in a contestant's counts.
 */
final class BenchData {

  static final String EVENT_TYPE = "clicks";

  /** The first run's window ends here. */
  static final Hour FIRST_AT = Hour.parse("2026-11-23T17");

  /**
   * The folder of a data set's bucket that holds everything of the {@code ours-iceberg} contestant
   * (outputs, state, the table's metadata), apart from the input every contestant shares.
   */
  static final String ICEBERG_FOLDER = "ours-iceberg";

  private final BenchSize size;
  private final int factor;
  private final String bucket;

  /** Where the input, output and state roots are: the data set's bucket, or a local folder. */
  private final String root;

  private final String proxyEndpoint;
  private final int cores;
  private final Path configFile;
  private final Storage direct;
  private final CompactorConfig config;
  private final Map<Hour, long[]> recordsAndBytesByHour = new TreeMap<>();

  BenchData(
      BenchSize size,
      BenchStore store,
      int factor,
      S3TestServer server,
      String proxyEndpoint,
      int cores,
      Path dir) {
    this.size = size;
    this.factor = factor;
    this.bucket = bucket(size, factor);
    this.root =
        store == BenchStore.S3
            ? "s3a://" + bucket
            : "file://" + dir.resolve("store").toAbsolutePath();
    this.proxyEndpoint = proxyEndpoint;
    this.cores = cores;
    server.createBucket(bucket);
    try {
      Files.createDirectories(dir);
      Files.copy(schemaFile(), dir.resolve("clicks.avsc"), StandardCopyOption.REPLACE_EXISTING);
      configFile = dir.resolve("bench.properties");
      Files.writeString(configFile, properties(proxyEndpoint, cores, ""));
      Path directFile = dir.resolve("generate.properties");
      Files.writeString(directFile, properties(server.endpoint(), cores, ""));
      config = ConfigLoader.load(directFile, Map.of());
      direct = Storage.open(config);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot prepare the benchmark data set in " + dir, e);
    }
  }

  /** The bucket of the data set at {@code factor}. */
  static String bucket(BenchSize size, int factor) {
    return "bench-" + size.name() + "-" + factor + "x";
  }

  /**
   * The Iceberg catalog's warehouse: in the 1x data set's bucket, under {@link #ICEBERG_FOLDER}.
   */
  static String icebergWarehouse(BenchSize size) {
    return "s3://" + bucket(size, 1) + "/" + ICEBERG_FOLDER + "/warehouse";
  }

  int factor() {
    return factor;
  }

  Path configFile() {
    return configFile;
  }

  /**
   * Writes and returns the configuration of {@code ours-iceberg}: the same input and settings as
   * {@link #configFile()}, its own output and state roots under {@link #ICEBERG_FOLDER}, and the
   * Parquet copy as an Iceberg table in the catalog at {@code catalogUri}.
   */
  /**
   * A configuration like {@link #configFile} whose outputs and state go under {@code warm-up/} of
   * the same root: an unmeasured run there warms the S3 server's upload path without leaving
   * anything in the measured contestants' way.
   */
  Path writeWarmUpConfig() {
    Path file = configFile.resolveSibling("bench-warm-up.properties");
    try {
      Files.writeString(file, properties(proxyEndpoint, cores, "warm-up/"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the warm-up configuration " + file, e);
    }
    return file;
  }

  Path writeIcebergConfig(String catalogUri) {
    Path file = configFile.resolveSibling("bench-iceberg.properties");
    String iceberg =
        String.join(
            "\n",
            "event-type.clicks.parquet-table = iceberg",
            "iceberg.catalog-uri = " + catalogUri,
            "");
    try {
      Files.writeString(file, properties(proxyEndpoint, cores, ICEBERG_FOLDER + "/") + iceberg);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot write the Iceberg benchmark configuration " + file, e);
    }
    return file;
  }

  String baselineOutput() {
    return root + "/baseline";
  }

  /** Generates the first run's 12-hour window, one hour at a time to know each hour's size. */
  void generateFirstWindow() {
    for (Hour hour : Window.ending(FIRST_AT, BenchSize.WINDOW_HOURS).hours()) {
      generateHour(hour);
    }
  }

  /** A new hour arrives. */
  void generateHour(Hour hour) {
    GeneratorSpec spec =
        GeneratorSpec.builder(config.eventType(EVENT_TYPE), new Window(hour, hour))
            .eventsPerHour(size.eventsPerHour() * factor)
            .flushesPerHour(size.flushesPerHour())
            .seed(42)
            .build();
    GeneratedSummary summary =
        new SampleDataGenerator(direct.input().store(), config.inputRoot(), layout())
            .withProgress(new PrintStream(PrintStream.nullOutputStream()))
            .generate(spec);
    recordsAndBytesByHour.put(hour, new long[] {summary.records(), summary.bytes()});
  }

  /** A late file lands in an old partition: a replay of that partition's first flush. */
  void addLateFile(Hour hour, int bucketNumber) {
    replayFirstFile(hour, bucketNumber, "late-replay.avro");
  }

  /**
   * A replay of the window ending {@code at}: one re-delivered copy of a file in every partition,
   * nothing removed or replaced.
   */
  void replayEveryPartition(Hour at) {
    for (Hour hour : Window.ending(at, BenchSize.WINDOW_HOURS).hours()) {
      for (int bucket = 0; bucket < size.buckets(); bucket++) {
        replayFirstFile(hour, bucket, "replay.avro");
      }
    }
  }

  private void replayFirstFile(Hour hour, int bucketNumber, String name) {
    String prefix =
        direct.input().key(layout().partitionPrefix(EVENT_TYPE, hour, bucketNumber, 2)) + "/";
    List<ObjectInfo> files = direct.input().store().list(prefix);
    if (files.isEmpty()) {
      throw new IllegalStateException("no input under " + prefix + " to replay");
    }
    byte[] content = direct.input().store().readAll(files.get(0).key());
    direct.input().store().put(prefix + name, content);
    long[] totals = recordsAndBytesByHour.get(hour);
    totals[0] += countRecords(content);
    totals[1] += content.length;
  }

  /** Input records and bytes of the window ending at {@code at}. */
  long[] windowTotals(Hour at) {
    long[] sum = new long[2];
    for (Hour hour : Window.ending(at, BenchSize.WINDOW_HOURS).hours()) {
      long[] t = recordsAndBytesByHour.getOrDefault(hour, new long[2]);
      sum[0] += t[0];
      sum[1] += t[1];
    }
    return sum;
  }

  void close() {
    direct.close();
  }

  private InputLayout layout() {
    return config.eventType(EVENT_TYPE).input();
  }

  /** The configuration; {@code folder} ("" or "name/") is where the output and state roots go. */
  private String properties(String endpoint, int cores, String folder) {
    return String.join(
        "\n",
        "input.root = " + root + "/raw",
        "output.root = " + root + "/" + folder + "compacted",
        "state.root = " + root + "/" + folder + "state",
        "s3.endpoint = " + endpoint,
        "s3.path-style = true",
        "s3.region = " + S3TestServer.REGION,
        "spark.master = local[" + cores + "]",
        "event-types = " + EVENT_TYPE,
        "event-type.clicks.schema = clicks.avsc",
        "event-type.clicks.event-id = event_id",
        "event-type.clicks.winner = received_at asc",
        "event-type.clicks.sort = event_time asc, event_id asc",
        "event-type.clicks.buckets = " + size.buckets(),
        "event-type.clicks.window-hours = " + BenchSize.WINDOW_HOURS,
        "");
  }

  private static long countRecords(byte[] content) {
    try (DataFileStream<GenericRecord> in =
        new DataFileStream<>(new ByteArrayInputStream(content), new GenericDatumReader<>())) {
      long n = 0;
      while (in.hasNext()) {
        in.next();
        n++;
      }
      return n;
    } catch (IOException e) {
      throw new UncheckedIOException("cannot count the records of a replayed input file", e);
    }
  }

  /**
   * conf/schemas/clicks.avsc from the repository root or from a module folder (tests run there).
   */
  private static Path schemaFile() {
    for (Path candidate :
        List.of(
            Path.of("conf", "schemas", "clicks.avsc"),
            Path.of("..", "conf", "schemas", "clicks.avsc"))) {
      if (Files.isRegularFile(candidate)) {
        return candidate;
      }
    }
    throw new IllegalStateException(
        "conf/schemas/clicks.avsc not found: run the benchmark from the repository root or a"
            + " module");
  }
}
