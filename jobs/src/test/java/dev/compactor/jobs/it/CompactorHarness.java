package dev.compactor.jobs.it;

import dev.compactor.config.CompactorConfig;
import dev.compactor.config.ConfigLoader;
import dev.compactor.config.EventTypeConfig;
import dev.compactor.config.LockSettings;
import dev.compactor.domain.Hour;
import dev.compactor.domain.PartitionId;
import dev.compactor.domain.Window;
import dev.compactor.jobs.backfill.BackfillJob;
import dev.compactor.jobs.backfill.BackfillRequest;
import dev.compactor.jobs.generate.GeneratedSummary;
import dev.compactor.jobs.generate.GeneratorSpec;
import dev.compactor.jobs.generate.SampleDataGenerator;
import dev.compactor.jobs.run.Command;
import dev.compactor.jobs.run.CompactionJob;
import dev.compactor.jobs.run.RunOutcome;
import dev.compactor.jobs.run.RunRequest;
import dev.compactor.jobs.verify.VerifyJob;
import dev.compactor.jobs.verify.VerifyResult;
import dev.compactor.layout.InputLayout;
import dev.compactor.layout.Layout;
import dev.compactor.lock.LeaseLock;
import dev.compactor.plan.Settlement;
import dev.compactor.store.ObjectInfo;
import dev.compactor.store.ObjectStore;
import dev.compactor.store.S3TestServer;
import dev.compactor.store.Storage;
import java.io.IOException;
import java.io.PrintStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;

/**
 * One isolated compactor installation for a test: its own bucket (or folder), config, generated
 * input and a handle on the shared Spark session. Runs go through {@link CompactionJob} exactly as
 * the CLI's.
 */
public final class CompactorHarness implements AutoCloseable {

  /** Where the roots live. */
  public enum Backend {
    S3,
    LOCAL
  }

  public static final String EVENT_TYPE = "clicks";
  public static final Hour LAST_HOUR = Hour.parse("2026-11-23T17");
  public static final int WINDOW_HOURS = 12;
  public static final int BUCKETS = 4;

  private final Path dir;
  private final Map<String, String> overrides = new HashMap<>();
  private final SharedSpark spark = new SharedSpark();
  private CompactorConfig config;
  private Storage storage;
  private Path lastCliLog;

  private CompactorHarness(Backend backend, Path dir) {
    this.dir = dir;
    String root;
    if (backend == Backend.S3) {
      S3TestServer server = S3TestServer.shared();
      String bucket = "it-" + UUID.randomUUID().toString().substring(0, 8);
      server.createBucket(bucket);
      root = "s3a://" + bucket;
      overrides.put("s3.endpoint", server.endpoint());
      overrides.put("s3.path-style", "true");
    } else {
      root = "file://" + dir.resolve("store").toAbsolutePath();
    }
    overrides.put("input.root", root + "/raw");
    overrides.put("output.root", root + "/compacted");
    overrides.put("state.root", root + "/state");
    reload();
  }

  public static CompactorHarness create(Backend backend, Path dir) {
    return new CompactorHarness(backend, dir);
  }

  /** Changes one configuration value, as {@code --set key=value} would. */
  public CompactorHarness set(String key, String value) {
    overrides.put(key, value);
    reload();
    return this;
  }

  public CompactorHarness setReaderSchema(String schemaJson) {
    return setReaderSchema(schemaJson, Map.of());
  }

  /** A new reader schema together with the settings that must change with it, checked as one. */
  public CompactorHarness setReaderSchema(String schemaJson, Map<String, String> alongside) {
    try {
      Files.writeString(dir.resolve("clicks-custom.avsc"), schemaJson);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    overrides.putAll(alongside);
    return set("event-type.clicks.schema", "clicks-custom.avsc");
  }

  private void reload() {
    try {
      Files.createDirectories(dir);
      Path schema = dir.resolve("clicks.avsc");
      if (!Files.exists(schema)) {
        Files.copy(Path.of("..", "conf", "schemas", "clicks.avsc"), schema);
      }
      Map<String, String> values = new TreeMap<>();
      values.put("s3.region", "us-east-1");
      values.put("event-types", "clicks");
      values.put("event-type.clicks.schema", "clicks.avsc");
      values.put("event-type.clicks.winner", "received_at asc");
      values.put("event-type.clicks.sort", "event_time asc, event_id asc");
      values.put("event-type.clicks.buckets", String.valueOf(BUCKETS));
      values.put("event-type.clicks.window-hours", String.valueOf(WINDOW_HOURS));
      values.putAll(overrides);
      StringBuilder text = new StringBuilder();
      values.forEach((k, v) -> text.append(k).append(" = ").append(v).append('\n'));
      Files.writeString(configFile(), text.toString());
      if (storage != null) {
        storage.close();
      }
      config = ConfigLoader.load(configFile(), Map.of());
      storage = Storage.open(config);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** The complete configuration file, as a separate process would be given it. */
  public Path configFile() {
    return dir.resolve("it.properties");
  }

  /** Writes sample input for the whole window: 4 buckets, 6 files per partition, 8% duplicated. */
  public GeneratedSummary generate(int eventsPerHour, long seed) {
    return generate(window(), eventsPerHour, seed);
  }

  public GeneratedSummary generate(Window hours, int eventsPerHour, long seed) {
    GeneratorSpec spec =
        GeneratorSpec.builder(eventType(), hours)
            .eventsPerHour(eventsPerHour)
            .flushesPerHour(6)
            .duplicateRate(0.08)
            .seed(seed)
            .build();
    return new SampleDataGenerator(storage.input().store(), config.inputRoot(), inputLayout())
        .withProgress(new PrintStream(PrintStream.nullOutputStream()))
        .generate(spec);
  }

  public RunOutcome run() {
    return run(false);
  }

  /**
   * An hourly run that waits up to {@code patience} for another run's lease (takes over an expired
   * one).
   */
  public RunOutcome runWaitingForLock(Duration patience) {
    RunRequest request =
        RunRequest.of(Command.RUN, EVENT_TYPE, window()).waitForLock(patience).build();
    return new CompactionJob(config, storage, spark, System.err).run(request);
  }

  public RunOutcome run(boolean strict) {
    RunRequest request = RunRequest.of(Command.RUN, EVENT_TYPE, window()).strict(strict).build();
    return new CompactionJob(config, storage, spark, System.err).run(request);
  }

  /**
   * A run whose planning lists inputs through {@code inputStore} (the executors open their own).
   */
  public RunOutcome runListingThrough(ObjectStore inputStore) {
    Storage wrapped =
        new Storage(
            new Storage.Root(storage.input().uri(), inputStore), storage.output(), storage.state());
    RunRequest request = RunRequest.of(Command.RUN, EVENT_TYPE, window()).build();
    return new CompactionJob(config, wrapped, spark, System.err).run(request);
  }

  public BackfillJob.BackfillOutcome backfill(BackfillRequest request) {
    CompactionJob job = new CompactionJob(config, storage, spark, System.err);
    return new BackfillJob(job, storage, System.err).run(request);
  }

  /**
   * Starts the real CLI in a separate JVM on this harness's configuration (test classpath, Spark's
   * JVM flags, the test server's credentials in the environment), so tests can kill it.
   */
  public Process startCli(String... args) throws IOException {
    return startCliWithHeap("1g", args);
  }

  /** Like {@link #startCli(String...)} with the child's maximum heap, e.g. {@code 256m}. */
  public Process startCliWithHeap(String heap, String... args) throws IOException {
    return startCliAs(heap, S3TestServer.SECRET_KEY, args);
  }

  /**
   * Starts the CLI with the given heap and secret access key in its environment; its combined
   * output goes to {@link #lastCliLog()}.
   */
  public Process startCliAs(String heap, String secretKey, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
    command.add("@" + Path.of("..", "submit", "spark-jvm.args").toAbsolutePath());
    command.add("-Xmx" + heap);
    command.add("-cp");
    command.add(System.getProperty("java.class.path"));
    command.add("dev.compactor.jobs.cli.Compactor");
    command.addAll(List.of(args));
    command.addAll(List.of("--config", configFile().toString(), "--event-type", EVENT_TYPE));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
    lastCliLog = dir.resolve("cli-" + System.nanoTime() + ".log");
    builder.redirectOutput(lastCliLog.toFile());
    builder.environment().put("AWS_ACCESS_KEY_ID", S3TestServer.ACCESS_KEY);
    builder.environment().put("AWS_SECRET_ACCESS_KEY", secretKey);
    return builder.start();
  }

  /** The combined output of the last CLI process started. */
  public Path lastCliLog() {
    return lastCliLog;
  }

  /**
   * {@code compactor verify} of {@code range}, with the hourly window ending at {@link #LAST_HOUR}.
   */
  public VerifyResult verify(Window range) {
    return new VerifyJob(config, storage, spark, System.err)
        .verify(EVENT_TYPE, range, Settlement.keepAll(LAST_HOUR, WINDOW_HOURS));
  }

  /**
   * A backfill whose settled hours are those before the hourly window ending at {@link #LAST_HOUR}.
   */
  public BackfillJob.BackfillOutcome backfillAtLastHour(BackfillRequest request) {
    return backfill(
        request.toBuilder().settlement(Settlement.keepAll(LAST_HOUR, WINDOW_HOURS)).build());
  }

  public RunOutcome plan() {
    RunRequest request = RunRequest.of(Command.PLAN, EVENT_TYPE, window()).dryRun(true).build();
    return new CompactionJob(config, storage, spark, System.err).run(request);
  }

  public Window window() {
    return Window.ending(LAST_HOUR, WINDOW_HOURS);
  }

  public CompactorConfig config() {
    return config;
  }

  public int sparkRequests() {
    return spark.requests();
  }

  public EventTypeConfig eventType() {
    return config.eventType(EVENT_TYPE);
  }

  public Storage storage() {
    return storage;
  }

  public InputLayout inputLayout() {
    return eventType().input();
  }

  public Layout outputLayout() {
    return eventType().layout();
  }

  /** Input objects of one partition, key order. */
  public List<ObjectInfo> inputFiles(PartitionId partition) {
    String prefix =
        storage
                .input()
                .key(
                    inputLayout()
                        .partitionPrefix(EVENT_TYPE, partition.hour(), partition.bucket(), 2))
            + "/";
    return storage.input().store().list(prefix);
  }

  /** Every output object under the event type, by key. */
  public Map<String, ObjectInfo> outputObjects() {
    Map<String, ObjectInfo> objects = new HashMap<>();
    for (String format : List.of(Layout.AVRO, Layout.PARQUET)) {
      String prefix = storage.output().key(format + "/" + EVENT_TYPE) + "/";
      storage.output().store().list(prefix).forEach(o -> objects.put(o.key(), o));
    }
    return objects;
  }

  /**
   * The event type's run lock, as another process (a run, a backfill) would hold it: 10-minute
   * lease, renewed every 2 minutes.
   */
  public LeaseLock runLock() {
    return new LeaseLock(
        storage.state().store(),
        storage.state().key(outputLayout().lockKey()),
        new LockSettings(Duration.ofMinutes(10), Duration.ofMinutes(2)),
        Clock.systemUTC());
  }

  public String outputKey(String format, PartitionId partition) {
    return storage.output().key(outputLayout().dataKey(format, partition));
  }

  public byte[] readOutput(String key) {
    return storage.output().store().readAll(key);
  }

  public void deleteManifests() {
    String prefix = storage.state().key(EVENT_TYPE) + "/";
    storage.state().store().list(prefix).forEach(o -> storage.state().store().delete(o.key()));
  }

  public Path scratch() {
    return dir;
  }

  @Override
  public void close() {
    storage.close();
  }
}
