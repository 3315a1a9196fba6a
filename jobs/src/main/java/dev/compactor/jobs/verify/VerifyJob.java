package dev.compactor.jobs.verify;

import dev.compactor.config.CompactorConfig;
import dev.compactor.config.EventTypeConfig;
import dev.compactor.domain.Hour;
import dev.compactor.domain.InputFile;
import dev.compactor.domain.PartitionId;
import dev.compactor.domain.Window;
import dev.compactor.jobs.run.SparkProvider;
import dev.compactor.layout.OutputLayout;
import dev.compactor.manifest.HourManifest;
import dev.compactor.manifest.PartitionEntry;
import dev.compactor.plan.Fingerprints;
import dev.compactor.scan.WindowScan;
import dev.compactor.scan.WindowScanner;
import dev.compactor.store.ObjectStore;
import dev.compactor.store.ObjectStores;
import dev.compactor.store.Storage;
import java.io.PrintStream;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import org.apache.spark.api.java.JavaSparkContext;
import org.apache.spark.api.java.function.FlatMapFunction;

/**
 * {@code compactor verify}: checks outputs against inputs over a range of hours without trusting the
 * manifests. The driver compares manifests with the current listing; Spark tasks read every input and
 * output of each partition.
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

  /** Every problem found, in partition order. */
  public List<Problem> verify(String eventTypeName, Window range) {
    EventTypeConfig eventType = config.eventType(eventTypeName);
    WindowScan scan = new WindowScanner(storage, eventType, config.s3().etagIsMd5()).scan(range);
    OutputLayout layout = new OutputLayout(eventType.name(), eventType.bucketDigits());
    List<Problem> problems = new ArrayList<>();
    List<PartitionCheck> checks = new ArrayList<>();
    for (Hour hour : range.hours()) {
      HourManifest manifest = scan.manifests().get(hour);
      for (int bucket = 0; bucket < eventType.buckets(); bucket++) {
        PartitionId id = new PartitionId(hour, bucket);
        List<InputFile> inputs = scan.listing().inputs().getOrDefault(id, List.of());
        Optional<PartitionEntry> entry = manifest == null ? Optional.empty() : manifest.partition(bucket);
        String avro = existing(scan, layout.dataKey(OutputLayout.AVRO, id));
        String parquet = existing(scan, layout.dataKey(OutputLayout.PARQUET, id));
        problems.addAll(stateProblems(id, inputs, entry, avro != null || parquet != null));
        if (!inputs.isEmpty() || avro != null || parquet != null) {
          checks.add(new PartitionCheck(id, inputs, avro, parquet));
        }
      }
    }
    log.println("verify " + eventTypeName + " " + range + ": reading " + checks.size() + " partition(s)");
    if (!checks.isEmpty()) {
      JavaSparkContext jsc = JavaSparkContext.fromSparkContext(spark.get().sparkContext());
      jsc.setJobDescription("verify " + eventTypeName + " " + range);
      problems.addAll(
          jsc.parallelize(checks, checks.size()).flatMap(new VerifyFunction(config, eventType)).collect());
    }
    problems.sort(Comparator.comparing(Problem::partition).thenComparing(Problem::kind));
    return problems;
  }

  private String existing(WindowScan scan, String relativeKey) {
    String key = storage.output().key(relativeKey);
    return scan.listing().outputs().containsKey(key) ? key : null;
  }

  private static List<Problem> stateProblems(
      PartitionId id, List<InputFile> inputs, Optional<PartitionEntry> entry, boolean hasOutputs) {
    List<Problem> problems = new ArrayList<>();
    if (!inputs.isEmpty() && entry.isEmpty()) {
      problems.add(new Problem(id, Problem.Kind.NOT_COMPACTED, inputs.size() + " input file(s), no manifest entry"));
    }
    if (entry.isPresent()
        && !Fingerprints.partition(entry.get().settingsFingerprint(), inputs).equals(entry.get().fingerprint())) {
      problems.add(new Problem(id, Problem.Kind.INPUTS_CHANGED,
          entry.get().inputs().size() + " file(s) at compaction, " + inputs.size() + " now"));
    }
    if (inputs.isEmpty() && hasOutputs) {
      problems.add(new Problem(id, Problem.Kind.ORPHAN_OUTPUT, "outputs without inputs"));
    }
    return problems;
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
    public java.util.Iterator<Problem> call(PartitionCheck check) {
      try (ObjectStore inputs = ObjectStores.open(config.inputRoot(), config.s3());
          ObjectStore outputs = ObjectStores.open(config.outputRoot(), config.s3())) {
        return new PartitionVerifier(eventType, inputs, outputs).verify(check).iterator();
      }
    }
  }
}
