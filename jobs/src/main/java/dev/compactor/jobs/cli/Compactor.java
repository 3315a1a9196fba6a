package dev.compactor.jobs.cli;

import dev.compactor.config.CompactorConfig;
import dev.compactor.config.ConfigException;
import dev.compactor.config.ConfigLoader;
import dev.compactor.config.MetricsSettings;
import dev.compactor.domain.Hour;
import dev.compactor.domain.Window;
import dev.compactor.jobs.run.Command;
import dev.compactor.jobs.run.CompactionJob;
import dev.compactor.jobs.run.EmfMetrics;
import dev.compactor.jobs.run.ExitCode;
import dev.compactor.jobs.run.ManifestConflictException;
import dev.compactor.jobs.run.PlanPrinter;
import dev.compactor.jobs.run.PlanTooLargeException;
import dev.compactor.jobs.run.RunOutcome;
import dev.compactor.jobs.run.RunRequest;
import dev.compactor.jobs.run.RunStatus;
import dev.compactor.jobs.run.SparkSessions;
import dev.compactor.lock.Lease;
import dev.compactor.lock.LockedException;
import dev.compactor.store.AccessDeniedException;
import dev.compactor.store.Storage;
import dev.compactor.store.StoreException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import org.apache.spark.sql.SparkSession;

/**
 * The one entry point, for {@code spark-submit} and {@code submit/compactor}. Exceptions are mapped
 * to exit codes here and nowhere else: 0 done, 1 failed, 2 bad usage or config, 3 locked, 4
 * partial.
 */
public final class Compactor {

  static final String USAGE =
      """
      usage: compactor <command> --config conf/<env>.properties --event-type T [options]
        run       rebuild changed partitions of the window ending at --at (default: this hour)
        plan      dry run: which partitions would be rebuilt, and why
        backfill  rebuild --from H --to H (any age) in chunks of --chunk-hours (24); --force, --dry-run,
                  in hours the hourly window no longer covers, outputs whose inputs vanished are kept:
                  --delete-emptied deletes those of partitions with no input left, --delete-orphans
                  deletes outputs no manifest names
                  (each deletion is printed); --at H sets the hourly window's end (default: now)
        verify    check outputs against inputs for --from H --to H; prints problems and their fixes
        status    window hours and their state, the last run, and late data outside the window
        ddl       print Athena CREATE TABLE statements for the outputs
                  [--database D] [--table T] [--format parquet|avro|both] [--since 2020-01-01]
        generate  write sample raw data for a window (for demos, tests and benchmarks)
      options: --at 2026-11-23T17  --window-hours N  --set key=value (repeatable)  --strict
               --max-bytes 10GB (refuse a plan that reads more)
               --wait (wait for another run's lock instead of exiting 3)
      exit codes: 0 done, 1 failed, 2 bad usage or config, 3 locked, 4 done but input quarantined\
      """;

  private static final Set<String> COMMANDS =
      Set.of("run", "plan", "backfill", "verify", "status", "ddl", "generate");

  /** Commands that change state and are scheduled: each of their exits prints an EMF line. */
  private static final Set<String> METERED = Set.of("run", "backfill");

  private static final Set<String> RUN_OPTIONS =
      Set.of(
          "--config",
          "--event-type",
          "--at",
          "--window-hours",
          "--strict",
          "--dry-run",
          "--wait",
          "--max-bytes");

  private final PrintStream out;
  private final PrintStream err;
  private SparkSession spark;
  private CompactorConfig config;

  public Compactor(PrintStream out, PrintStream err) {
    this.out = out;
    this.err = err;
  }

  public static void main(String[] args) {
    System.exit(new Compactor(System.out, System.err).execute(args));
  }

  /** Runs one command and returns its exit code. */
  public int execute(String[] args) {
    Arguments arguments = null;
    try {
      arguments = Arguments.parse(args);
      if (arguments.has("--help")) {
        out.println(USAGE);
        return ExitCode.DONE.code();
      }
      if (!COMMANDS.contains(arguments.command())) {
        throw new UsageException("unknown command '" + arguments.command() + "'");
      }
      config = ConfigLoader.load(Path.of(arguments.required("--config")), arguments.overrides());
      return switch (arguments.command()) {
        case "run", "plan" -> runOrPlan(arguments);
        case "backfill" -> new BackfillCommand(out, err, this::sparkFor).execute(arguments, config);
        case "verify" -> new VerifyCommand(out, err, this::sparkFor).execute(arguments, config);
        case "status" -> new StatusCommand(out).execute(arguments, config);
        case "ddl" -> new DdlCommand(out).execute(arguments, config);
        default -> new GenerateCommand(out, err).execute(arguments, config);
      };
    } catch (UsageException | ConfigException e) {
      err.println("error: " + e.getMessage());
      err.println(USAGE);
      return exitMetrics(arguments, RunStatus.USAGE_ERROR, ExitCode.USAGE, Map.of());
    } catch (PlanTooLargeException e) {
      err.println("error: " + e.getMessage());
      return exitMetrics(arguments, RunStatus.REFUSED, ExitCode.FAILED, e.counts());
    } catch (LockedException e) {
      err.println("error: " + e.getMessage());
      return exitMetrics(arguments, RunStatus.LOCKED, ExitCode.LOCKED, Map.of());
    } catch (Lease.LeaseLostException | ManifestConflictException e) {
      // Fenced: another run holds the lease or committed first; this one wrote nothing more.
      err.println("error: " + e.getMessage());
      return exitMetrics(arguments, RunStatus.FENCED, ExitCode.FAILED, Map.of());
    } catch (AccessDeniedException e) {
      err.println("error: access denied: " + e.getMessage());
      return exitMetrics(arguments, RunStatus.FAILED, ExitCode.FAILED, Map.of());
    } catch (StoreException e) {
      err.println("error: " + e.getMessage());
      return exitMetrics(arguments, RunStatus.FAILED, ExitCode.FAILED, Map.of());
    } catch (RuntimeException e) {
      // Outputs already written stay valid and no manifest names unfinished work: rerunning is
      // safe.
      e.printStackTrace(err);
      err.println("error: the run failed: " + e + ". Rerun it; finished hours are not redone.");
      return exitMetrics(arguments, RunStatus.FAILED, ExitCode.FAILED, Map.of());
    } finally {
      if (spark != null) {
        spark.stop();
      }
    }
  }

  /**
   * Prints the EMF line of a run or backfill that ended without a report of its own, so an alarm on
   * its metrics fires for failed, locked and refused runs too; returns the exit code.
   */
  private int exitMetrics(
      Arguments args, RunStatus status, ExitCode exit, Map<String, Number> known) {
    boolean scheduled = args != null && METERED.contains(args.command()) && !args.has("--dry-run");
    if (scheduled) {
      String eventType = args.option("--event-type").orElse("unknown");
      MetricsSettings metrics =
          config != null ? config.metrics() : new MetricsSettings("Compactor", Map.of());
      out.println(EmfMetrics.exitLine(eventType, status, exit, known, metrics, Instant.now()));
    }
    return exit.code();
  }

  private int runOrPlan(Arguments args) {
    args.rejectOthers(RUN_OPTIONS);
    String eventType = args.required("--event-type");
    int windowHours =
        args.option("--window-hours")
            .map(Compactor::positiveInt)
            .orElse(config.eventType(eventType).windowHours());
    Hour at = args.option("--at").map(Compactor::hour).orElse(Hour.containing(Instant.now()));
    Command command = args.command().equals("plan") ? Command.PLAN : Command.RUN;
    boolean dryRun = command == Command.PLAN || args.has("--dry-run");
    RunRequest request =
        RunRequest.of(command, eventType, Window.ending(at, windowHours))
            .dryRun(dryRun)
            .strict(args.has("--strict"))
            .waitForLock(args.has("--wait") ? config.lock().lease().plusMinutes(1) : Duration.ZERO)
            .maxBytes(args.option("--max-bytes").map(Compactor::bytes).orElse(RunRequest.UNLIMITED))
            .build();
    try (Storage storage = Storage.open(config)) {
      RunOutcome outcome = new CompactionJob(config, storage, this::sparkFor, err).run(request);
      if (dryRun) {
        out.print(PlanPrinter.details(outcome.plan()));
      }
      out.println(RunSummary.of(outcome.report(), config));
      if (!dryRun) {
        out.println(EmfMetrics.line(outcome.report(), config.metrics(), Instant.now()));
      }
      return outcome.exitCode().code();
    }
  }

  /** Starts Spark on first use with the loaded configuration's settings. */
  private SparkSession sparkFor() {
    if (spark == null) {
      spark = SparkSessions.start(config.spark(), "compactor");
    }
    return spark;
  }

  /** The inclusive range {@code --from H --to H}. */
  static Window range(Arguments args) {
    Hour from = hour(args.required("--from"));
    Hour to = hour(args.required("--to"));
    if (to.compareTo(from) < 0) {
      throw new UsageException("--to " + to + " is before --from " + from);
    }
    return new Window(from, to);
  }

  static Hour hour(String text) {
    try {
      return Hour.parse(text);
    } catch (IllegalArgumentException e) {
      throw new UsageException(e.getMessage());
    }
  }

  /**
   * Parses a byte count such as {@code 500000000}, {@code 500MB} or {@code 10GB} (powers of 1000).
   */
  static long bytes(String text) {
    String t = text.trim().toUpperCase(Locale.ROOT);
    long unit = 1;
    for (String[] suffix :
        new String[][] {
          {"TB", "1000000000000"},
          {"GB", "1000000000"},
          {"MB", "1000000"},
          {"KB", "1000"},
          {"B", "1"}
        }) {
      if (t.endsWith(suffix[0])) {
        unit = Long.parseLong(suffix[1]);
        t = t.substring(0, t.length() - suffix[0].length()).trim();
        break;
      }
    }
    try {
      double value = Double.parseDouble(t);
      if (value < 0) {
        throw new UsageException("--max-bytes must not be negative, got " + text);
      }
      return (long) (value * unit);
    } catch (NumberFormatException e) {
      throw new UsageException("--max-bytes expects a size like 500MB or 10GB, got '" + text + "'");
    }
  }

  static int positiveInt(String text) {
    try {
      int value = Integer.parseInt(text);
      if (value < 1) {
        throw new UsageException("expected a positive number, got " + text);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new UsageException("expected a number, got '" + text + "'");
    }
  }
}
