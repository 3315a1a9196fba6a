package dev.compactor.jobs.verify;

import dev.compactor.config.CompactorConfig;
import dev.compactor.config.EventTypeConfig;
import dev.compactor.config.ParquetTable;
import dev.compactor.domain.OutputFile;
import dev.compactor.domain.Reason;
import dev.compactor.domain.Window;
import dev.compactor.jobs.run.SparkProvider;
import dev.compactor.layout.Layout;
import dev.compactor.plan.Fingerprints;
import dev.compactor.plan.PartitionWork;
import dev.compactor.plan.Plan;
import dev.compactor.plan.PlanRules;
import dev.compactor.plan.Settlement;
import dev.compactor.plan.WindowPlanner;
import dev.compactor.scan.WindowScan;
import dev.compactor.scan.WindowScanner;
import dev.compactor.store.ObjectStore;
import dev.compactor.store.ObjectStores;
import dev.compactor.store.Storage;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Iterator;
import java.util.List;
import org.apache.spark.api.java.JavaRDD;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;

/**
 * {@code compactor verify}: checks outputs against inputs over a range of hours without trusting
 * the manifests. The driver plans the range as a backfill would (so it tells expired input from
 * late data, and orphans from outputs of record); Spark tasks read every input and output of each
 * partition, and a second pass finds event IDs that more than one bucket of an hour holds.
 */
public final class VerifyJob {

  private final CompactorConfig config;
  private final Storage storage;
  private final SparkProvider spark;
  private final PrintStream log;

  public VerifyJob(CompactorConfig config, Storage storage, SparkProvider spark, PrintStream log) {
    this.config = config;
    this.storage = storage;
    this.spark = spark;
    this.log = log;
  }

  /**
   * Every problem found, in partition order.
   *
   * @param settlement which hours are settled: there, vanished inputs are expiry, not a problem
   */
  public VerifyResult verify(String eventTypeName, Window range, Settlement settlement) {
    EventTypeConfig eventType = config.eventType(eventTypeName);
    WindowScan scan = new WindowScanner(storage, eventType, config.s3().etagIsMd5()).scan(range);
    Plan plan =
        WindowPlanner.plan(
            range,
            scan.listing(),
            scan.manifests(),
            new PlanRules(Fingerprints.settings(eventType), false, settlement));
    Layout layout = eventType.layout();
    List<Problem> problems = new ArrayList<>();
    List<PartitionCheck> checks = new ArrayList<>();
    for (PartitionWork work : plan.partitions()) {
      problems.addAll(StateProblems.of(work));
      String avro = existing(scan, layout.dataKey(Layout.AVRO, work.partition()));
      String parquet =
          eventType.parquetTable() == ParquetTable.ICEBERG
              ? recordedTableFile(scan, work, layout)
              : existing(scan, layout.dataKey(Layout.PARQUET, work.partition()));
      if (!work.inputs().isEmpty() || avro != null || parquet != null) {
        checks.add(PartitionCheck.of(work, avro, parquet));
      }
    }
    log.println(
        "verify " + eventTypeName + " " + range + ": reading " + checks.size() + " partition(s)");
    if (!checks.isEmpty()) {
      JavaSparkContext jsc = spark.get();
      jsc.setJobDescription("verify " + eventTypeName + " " + range);
      JavaRDD<PartitionCheck> rdd = jsc.parallelize(checks, checks.size());
      problems.addAll(rdd.flatMap(new VerifyFunction(config, eventType)).collect());
      jsc.setJobDescription("verify " + eventTypeName + " " + range + ": IDs across buckets");
      problems.addAll(CrossBucketIds.find(rdd, config, eventType));
    }
    problems.sort(Comparator.comparing(Problem::partition).thenComparing(Problem::kind));
    // Orphans kept in settled hours are problems with their own fix; expired input is not a
    // problem.
    List<PartitionWork> expired =
        plan.partitions().stream().filter(w -> w.reason() == Reason.INPUT_EXPIRED).toList();
    List<String> unexpected =
        scan.listing().unexpected().stream().map(k -> storage.input().store().uri(k)).toList();
    return new VerifyResult(problems, expired, unexpected);
  }

  /**
   * The Iceberg table's data file that the manifest names for the partition, if it exists: such
   * files are named by their build, not at the Hive-style key.
   */
  private String recordedTableFile(WindowScan scan, PartitionWork work, Layout layout) {
    return work.previous().stream()
        .flatMap(entry -> entry.outputs().stream())
        .map(OutputFile::key)
        .filter(key -> layout.isTableKey(storage.output().relative(key)))
        .filter(key -> scan.listing().outputs().contains(key))
        .findFirst()
        .orElse(null);
  }

  private String existing(WindowScan scan, String relativeKey) {
    String key = storage.output().key(relativeKey);
    return scan.listing().outputs().contains(key) ? key : null;
  }

  /** The task body: opens the stores on the executor and checks one partition. */
  static final class VerifyFunction implements FlatMapFunction<PartitionCheck, Problem> {
    private final CompactorConfig config;
    private final EventTypeConfig eventType;

    VerifyFunction(CompactorConfig config, EventTypeConfig eventType) {
      this.config = config;
      this.eventType = eventType;
    }

    @Override
    public Iterator<Problem> call(PartitionCheck check) {
      try (ObjectStore inputs = ObjectStores.open(config.inputRoot(), config.s3());
          ObjectStore outputs = ObjectStores.open(config.outputRoot(), config.s3())) {
        return new PartitionVerifier(eventType, inputs, outputs).verify(check).iterator();
      }
    }
  }
}
