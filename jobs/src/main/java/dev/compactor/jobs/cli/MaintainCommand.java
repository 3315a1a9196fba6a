package dev.compactor.jobs.cli;

import dev.compactor.config.CompactorConfig;
import dev.compactor.config.EventTypeConfig;
import dev.compactor.config.ParquetTable;
import dev.compactor.jobs.run.Command;
import dev.compactor.jobs.run.CompactionJob;
import dev.compactor.jobs.run.ExitCode;
import dev.compactor.jobs.run.RunIds;
import dev.compactor.jobs.table.TableMaintenance;
import dev.compactor.jobs.table.TableRetention;
import dev.compactor.lock.Lease;
import dev.compactor.store.Storage;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code compactor maintain}: snapshot expiry and orphan deletion over a whole Iceberg table. */
@picocli.CommandLine.Command(
    name = "maintain",
    mixinStandardHelpOptions = true,
    sortOptions = false,
    description = {
      "For an event type with parquet-table=iceberg: expires the snapshots superseded longer than"
          + " iceberg.snapshot-retention-hours ago, then deletes the table's data files, in every"
          + " hour, that no snapshot left references, no manifest names and nothing modified"
          + " within that age. Each deleted file is printed. Takes the same lock as run. The"
          + " hourly run does the same for its window's hours.",
      ""
    })
final class MaintainCommand implements Callable<Integer> {

  private final Session session;

  @Mixin private ConfigOptions configOptions;
  @Mixin private EventTypeOption eventType;

  @Option(
      names = "--dry-run",
      description = "Print what would be expired and deleted, and change nothing (takes no lock).")
  private boolean dryRun;

  @Mixin private LockWait lockWait;

  MaintainCommand(Session session) {
    this.session = session;
  }

  @Override
  public Integer call() {
    CompactorConfig config = session.load(configOptions);
    EventTypeConfig type = config.eventType(eventType.name);
    if (type.parquetTable() != ParquetTable.ICEBERG) {
      throw new UsageException(
          "event type "
              + type.name()
              + " publishes Parquet as Hive-style folders (parquet-table="
              + type.parquetTable()
              + "), which have no snapshots to expire: maintain works on Iceberg tables. Set"
              + " event-type."
              + type.name()
              + ".parquet-table=iceberg to publish it as one.");
    }
    try (Storage storage = Storage.open(config)) {
      TableMaintenance maintenance =
          new TableMaintenance(config, storage, Clock.systemUTC(), session.err);
      Optional<TableRetention.Outcome> outcome;
      if (dryRun) {
        outcome = maintenance.preview(type);
      } else {
        CompactionJob job = new CompactionJob(config, storage, session::spark, session.err);
        Duration patience = lockWait.patience(config);
        String owner = "maintain-" + RunIds.randomSuffix();
        try (Lease lease = job.lease(type.name(), Command.MAINTAIN, patience, owner)) {
          outcome = maintenance.run(type, lease::checkHeld);
        }
      }
      session.out.println(summary(type.name(), outcome));
    }
    return ExitCode.DONE.code();
  }

  private String summary(String name, Optional<TableRetention.Outcome> outcome) {
    String head = "maintain " + name + (dryRun ? " (dry run)" : "") + ": ";
    if (outcome.isEmpty()) {
      return head + "no table yet, nothing to do";
    }
    TableRetention.Outcome o = outcome.get();
    String verb = dryRun ? "would be " : "";
    return head
        + o.snapshotsExpired()
        + " snapshot(s) "
        + verb
        + "expired, "
        + o.dataFilesExpired()
        + " data file(s) only they used "
        + verb
        + "deleted, "
        + o.orphansDeleted()
        + " orphaned data file(s) "
        + verb
        + "deleted";
  }
}
