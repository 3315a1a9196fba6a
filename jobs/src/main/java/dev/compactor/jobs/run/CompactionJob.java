package dev.compactor.jobs.run;

import dev.compactor.config.CompactorConfig;
import dev.compactor.config.EventTypeConfig;
import dev.compactor.config.ParquetTable;
import dev.compactor.domain.Hour;
import dev.compactor.jobs.rewrite.PartitionResult;
import dev.compactor.jobs.rewrite.RewriteSpec;
import dev.compactor.jobs.rewrite.RewriteSpec.BadInput;
import dev.compactor.jobs.rewrite.RewriteTask;
import dev.compactor.jobs.table.EventTable;
import dev.compactor.jobs.table.IcebergCatalog;
import dev.compactor.jobs.table.OrphanScope;
import dev.compactor.jobs.table.TableCommitter;
import dev.compactor.jobs.table.TableRetention;
import dev.compactor.layout.Layout;
import dev.compactor.lock.Lease;
import dev.compactor.lock.LeaseLock;
import dev.compactor.manifest.HourManifest;
import dev.compactor.plan.CostEstimate;
import dev.compactor.plan.Fingerprints;
import dev.compactor.plan.Plan;
import dev.compactor.plan.WindowPlanner;
import dev.compactor.scan.WindowScan;
import dev.compactor.scan.WindowScanner;
import dev.compactor.store.Storage;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/**
 * One run for one event type: plan, execute, publish, commit, report.
 *
 * <p>Planning reads listings and manifests only. When nothing changed the run ends there without
 * starting Spark. Otherwise every changed partition is rebuilt, a few per Spark task, each writing
 * its outputs straight to their final keys; then each touched hour's manifest is written, last, so
 * a crash at any point leaves a state the next run repairs by redoing exactly the unfinished
 * partitions.
 */
public final class CompactionJob {

  private static final String HOST = hostName();

  private final CompactorConfig config;
  private final Storage storage;
  private final SparkProvider spark;
  private final PrintStream log;

  public CompactionJob(
      CompactorConfig config, Storage storage, SparkProvider spark, PrintStream log) {
    this.config = config;
    this.storage = storage;
    this.spark = spark;
    this.log = log;
  }

  /** One run under its own lease (a dry run takes none). */
  public RunOutcome run(RunRequest request) {
    Instant started = Instant.now();
    String runId = RunIds.mint(started);
    if (request.dryRun()) {
      return dryRun(request, runId, started);
    }
    try (Lease lease = lease(request, runId)) {
      return planAndRun(request, runId, started, lease);
    }
  }

  /** One run under a lease the caller holds, e.g. one chunk of a backfill. */
  public RunOutcome runHolding(RunRequest request, Lease lease) {
    Instant started = Instant.now();
    return planAndRun(request, RunIds.mint(started), started, lease);
  }

  /**
   * Takes the event type's lease for {@code owner}, waiting as long as the request allows.
   *
   * @throws dev.compactor.lock.LockedException when another run holds it
   */
  public Lease lease(RunRequest request, String owner) {
    return lease(request.eventType(), request.command(), request.waitForLock(), owner);
  }

  /**
   * The same lease for a command that is not a run over a window, e.g. {@code maintain}.
   *
   * @param patience how long to wait for another run's lease; zero fails at once
   * @throws dev.compactor.lock.LockedException when another run holds it
   */
  public Lease lease(String eventTypeName, Command command, Duration patience, String owner) {
    EventTypeConfig eventType = config.eventType(eventTypeName);
    LeaseLock lock =
        new LeaseLock(
            storage.state().store(), lockKey(eventType), config.lock(), Clock.systemUTC());
    if (patience.isZero()) {
      return lock.acquire(owner, HOST, command.toString());
    }
    try {
      return lock.acquire(owner, HOST, command.toString(), patience);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(
          "interrupted while waiting for " + eventType.name() + "'s lock", e);
    }
  }

  /** Where the outputs and state of {@code eventType} live. */
  public Layout layoutOf(String eventType) {
    return config.eventType(eventType).layout();
  }

  /** The plan a request would carry out: listings and manifests only, no lease, nothing changed. */
  public Plan plan(RunRequest request) {
    return scanAndPlan(request).plan();
  }

  private record Planned(WindowScan scan, Plan plan) {}

  private Planned scanAndPlan(RunRequest request) {
    EventTypeConfig eventType = config.eventType(request.eventType());
    WindowScan scan =
        new WindowScanner(storage, eventType, config.s3().etagIsMd5()).scan(request.window());
    Plan plan =
        WindowPlanner.plan(
            request.window(),
            scan.listing(),
            scan.manifests(),
            request.planRules(Fingerprints.settings(eventType)));
    return new Planned(scan, plan);
  }

  /**
   * Plans and reports what a run would do; takes no lease and writes nothing, not even a report.
   */
  private RunOutcome dryRun(RunRequest request, String runId, Instant started) {
    Planned planned = planAndPrint(request);
    return new RunReportBuilder(request, runId, started)
        .build(planned.scan(), planned.plan(), List.of(), Instant.now());
  }

  private RunOutcome planAndRun(RunRequest request, String runId, Instant started, Lease lease) {
    EventTypeConfig eventType = config.eventType(request.eventType());
    Planned planned = planAndPrint(request);
    WindowScan scan = planned.scan();
    Plan plan = planned.plan();
    List<PartitionResult> results = List.of();
    Map<Hour, HourManifest> manifests = new HashMap<>(scan.manifests());
    if (plan.isEmpty()) {
      log.println(
          "nothing changed in "
              + request.eventType()
              + " "
              + plan.window()
              + "; Spark not started");
    } else {
      lease.checkHeld();
      BadInput badInput = request.strict() ? BadInput.FAIL : BadInput.QUARANTINE;
      results = execute(eventType, plan, runId, badInput, lease);
      manifests.putAll(
          new HourCommitter(storage, eventType.layout(), log, lease::checkHeld)
              .commit(plan, scan, results));
    }
    if (eventType.parquetTable() == ParquetTable.ICEBERG) {
      // After the manifests, also when nothing changed: a commit a killed run missed is made now.
      try (IcebergCatalog catalog = IcebergCatalog.open(config)) {
        EventTable table =
            new TableCommitter(catalog, eventType, storage.output(), log)
                .commit(plan.window(), manifests, runId, lease::checkHeld);
        new TableRetention(config.iceberg().snapshotRetention(), Clock.systemUTC(), log)
            .apply(
                table,
                OrphanScope.window(storage, eventType.layout(), plan.window(), manifests),
                lease::checkHeld);
      }
    }
    RunOutcome outcome =
        new RunReportBuilder(request, runId, started).build(scan, plan, results, Instant.now());
    new RunReportStore(storage.state(), eventType.layout()).write(outcome.report());
    return outcome;
  }

  /**
   * Scans and plans, prints the plan's summary and cost, and refuses a plan over the byte limit.
   */
  private Planned planAndPrint(RunRequest request) {
    Planned planned = scanAndPlan(request);
    WindowScan scan = planned.scan();
    Plan plan = planned.plan();
    UnexpectedObjects.lines(scan.listing().unexpected(), storage, request.eventType())
        .forEach(line -> log.println("unexpected object " + line));
    log.println(PlanPrinter.summary(request.eventType(), plan));
    log.println(
        CostEstimate.of(plan, scan.listRequests(), scan.manifests().size(), config.prices()));
    if (plan.bytesToRead() > request.maxBytes()) {
      throw new PlanTooLargeException(
          String.format(
              Locale.ROOT,
              "the plan for %s %s reads %.1f MB, over the --max-bytes limit of %.1f MB; nothing was"
                  + " changed. Raise the limit, or backfill the range in smaller chunks"
                  + " (--chunk-hours).",
              request.eventType(),
              plan.window(),
              plan.bytesToRead() / 1e6,
              request.maxBytes() / 1e6),
          Map.of(
              "PartitionsScanned",
              plan.partitions().size(),
              "PartitionsChanged",
              plan.work().size(),
              "FilesUnexpected",
              scan.listing().unexpected().size()));
    }
    return planned;
  }

  private List<PartitionResult> execute(
      EventTypeConfig eventType, Plan plan, String runId, BadInput badInput, Lease lease) {
    List<RewriteTask> tasks = plan.rewrites().stream().map(RewriteTask::of).toList();
    if (tasks.isEmpty()) {
      return List.of();
    }
    RewriteSpec spec =
        new RewriteSpec(
            eventType,
            new RewriteSpec.Stores(config.s3(), config.inputRoot(), config.outputRoot()),
            new RewriteSpec.RunStamp(runId, plan.settingsFingerprint()),
            config.spark(),
            badInput,
            lease.fence(config.stateRoot(), lockKey(eventType)));
    Progress progress =
        new Progress(log, "compact " + eventType.name(), tasks.size(), plan.bytesToRead());
    return new SparkPartitionExecutor(spark.get()).execute(spec, tasks, progress);
  }

  private String lockKey(EventTypeConfig eventType) {
    return storage.state().key(eventType.layout().lockKey());
  }

  /** The environment's host name first: resolving the local host can stall on a container's DNS. */
  private static String hostName() {
    String env = System.getenv("HOSTNAME");
    if (env != null && !env.isBlank()) {
      return env;
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (UnknownHostException e) {
      return "unknown-host";
    }
  }
}
