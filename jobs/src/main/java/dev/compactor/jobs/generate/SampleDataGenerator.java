package dev.compactor.jobs.generate;

import dev.compactor.domain.Hour;
import dev.compactor.layout.InputLayout;
import dev.compactor.store.ObjectStore;
import dev.compactor.store.StoreUri;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadFactory;

/**
 * Writes sample input data the way an upstream delivery stream would: small Avro files per
 * partition and flush, with duplicates inside and across files, two writer schemas and two codecs.
 * Behind {@code compactor generate}; demos, integration tests and the benchmark use it.
 *
 * <p>Files go to {@code inputRoot / layout.partitionPrefix(...) / <name>} with {@link
 * ObjectStore#put}, so they appear whole or not at all. Output is a pure function of the {@link
 * GeneratorSpec}: the thread count changes only the speed. Hours are generated one after another
 * (bounding memory to one hour's files); the partitions of an hour are generated and stored in
 * parallel.
 */
public final class SampleDataGenerator {

  private final ObjectStore store;
  private final StoreUri inputRoot;
  private final InputLayout layout;
  private final int threads;
  private final PrintStream progress;

  /** Two threads, progress lines on stderr. */
  public SampleDataGenerator(ObjectStore store, StoreUri inputRoot, InputLayout layout) {
    this(store, inputRoot, layout, 2, System.err);
  }

  private SampleDataGenerator(
      ObjectStore store,
      StoreUri inputRoot,
      InputLayout layout,
      int threads,
      PrintStream progress) {
    if (threads < 1) {
      throw new IllegalArgumentException("generator threads = " + threads + ": use 1 or more");
    }
    this.store = store;
    this.inputRoot = inputRoot;
    this.layout = layout;
    this.threads = threads;
    this.progress = progress;
  }

  /** The same generator with {@code count} threads. */
  public SampleDataGenerator withThreads(int count) {
    return new SampleDataGenerator(store, inputRoot, layout, count, progress);
  }

  /** The same generator printing one line per hour to {@code out}. */
  public SampleDataGenerator withProgress(PrintStream out) {
    return new SampleDataGenerator(store, inputRoot, layout, threads, out);
  }

  /**
   * Generates and stores every hour of the spec's window, oldest first, replacing files of the same
   * name. Stops at the first failure; hours already written stay written, and running again
   * rewrites the same bytes.
   *
   * @throws dev.compactor.store.StoreException when a file cannot be stored
   */
  public GeneratedSummary generate(GeneratorSpec spec) {
    PartitionGenerator partitions = new PartitionGenerator(spec);
    ExecutorService pool = Executors.newFixedThreadPool(threads, daemonThreads(spec.eventType()));
    try {
      GeneratedSummary total = GeneratedSummary.EMPTY;
      for (Hour hour : spec.window().hours()) {
        GeneratedSummary hourSummary = generateHour(spec, hour, partitions, pool);
        progress.println("generated " + spec.eventType() + " " + hour + ": " + hourSummary);
        total = total.plus(hourSummary);
      }
      return total;
    } finally {
      pool.shutdownNow();
    }
  }

  private GeneratedSummary generateHour(
      GeneratorSpec spec, Hour hour, PartitionGenerator partitions, ExecutorService pool) {
    List<List<String>> idsByBucket = eventIdsByBucket(spec, hour);
    List<Future<GeneratedSummary>> results = new ArrayList<>();
    for (int bucket = 0; bucket < spec.buckets(); bucket++) {
      int b = bucket;
      List<String> ids = idsByBucket.get(b);
      results.add(pool.submit(() -> storePartition(partitions, hour, b, ids)));
    }
    GeneratedSummary summary = GeneratedSummary.EMPTY;
    for (Future<GeneratedSummary> result : results) {
      summary = summary.plus(await(result, spec, hour));
    }
    return summary;
  }

  /**
   * The hour's event IDs grouped by bucket. IDs come from one stream per hour because the hash, not
   * the generator, decides the bucket, as it does upstream.
   */
  private static List<List<String>> eventIdsByBucket(GeneratorSpec spec, Hour hour) {
    SplitMix64 random = SplitMix64.derived(spec.seed(), PartitionGenerator.hourNumber(hour));
    List<List<String>> byBucket = new ArrayList<>(spec.buckets());
    for (int b = 0; b < spec.buckets(); b++) {
      byBucket.add(new ArrayList<>(spec.eventsPerHour() / spec.buckets() + 16));
    }
    for (int i = 0; i < spec.eventsPerHour(); i++) {
      String id = EventIds.next(random);
      byBucket.get(EventIds.bucketOf(id, spec.buckets())).add(id);
    }
    return byBucket;
  }

  private GeneratedSummary storePartition(
      PartitionGenerator partitions, Hour hour, int bucket, List<String> eventIds) {
    GeneratorSpec spec = partitions.spec();
    String folder = layout.partitionPrefix(spec.eventType(), hour, bucket, spec.bucketDigits());
    long records = 0;
    long bytes = 0;
    List<GeneratedFile> files = partitions.generate(hour, bucket, eventIds);
    for (GeneratedFile file : files) {
      store.put(inputRoot.key(folder + "/" + file.name()), file.bytes());
      records += file.records();
      bytes += file.bytes().length;
    }
    return new GeneratedSummary(files.size(), records, eventIds.size(), bytes);
  }

  private static GeneratedSummary await(
      Future<GeneratedSummary> result, GeneratorSpec spec, Hour hour) {
    try {
      return result.get();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "Interrupted while generating " + spec.eventType() + " " + hour, e);
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException(
          "Generating " + spec.eventType() + " " + hour + " failed: " + e.getCause(), e.getCause());
    }
  }

  private static ThreadFactory daemonThreads(String eventType) {
    return task -> {
      Thread thread = new Thread(task, "generate-" + eventType);
      // Daemon threads, so a failed run never hangs the JVM on its way out.
      thread.setDaemon(true);
      return thread;
    };
  }
}
