package dev.compactor.jobs.table;

import dev.compactor.config.CompactorConfig;
import dev.compactor.config.EventTypeConfig;
import dev.compactor.store.Storage;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Optional;

/**
 * {@code compactor maintain}: retention over the whole table, where the hourly run looks only at
 * its window. Snapshots expire as after a run, and the orphans of every hour are deleted, each
 * protected by its hour's manifest. The table is loaded as it stands: maintenance creates nothing
 * and changes no schema.
 */
public final class TableMaintenance {

  private final CompactorConfig config;
  private final Storage storage;
  private final Clock clock;
  private final PrintStream log;

  public TableMaintenance(CompactorConfig config, Storage storage, Clock clock, PrintStream log) {
    this.config = config;
    this.storage = storage;
    this.clock = clock;
    this.log = log;
  }

  /**
   * Expires and deletes.
   *
   * @param fence throws when the caller no longer holds the event type's lease
   * @return empty when no run has created the table yet
   */
  public Optional<TableRetention.Outcome> run(EventTypeConfig eventType, Runnable fence) {
    return withTable(
        eventType, (retention, table) -> retention.apply(table, scope(eventType), fence));
  }

  /** What {@link #run} would do; changes nothing and needs no lease. */
  public Optional<TableRetention.Outcome> preview(EventTypeConfig eventType) {
    return withTable(eventType, (retention, table) -> retention.preview(table, scope(eventType)));
  }

  private interface Step {
    TableRetention.Outcome apply(TableRetention retention, EventTable table);
  }

  private Optional<TableRetention.Outcome> withTable(EventTypeConfig eventType, Step step) {
    try (IcebergCatalog catalog = IcebergCatalog.open(config)) {
      Optional<EventTable> table = EventTable.find(catalog, eventType);
      if (table.isEmpty()) {
        log.println(
            "no Iceberg table for "
                + eventType.name()
                + " in namespace "
                + config.iceberg().namespace()
                + " yet (the first run creates it); nothing to maintain");
        return Optional.empty();
      }
      TableRetention retention =
          new TableRetention(config.iceberg().snapshotRetention(), clock, log);
      return Optional.of(step.apply(retention, table.get()));
    }
  }

  private OrphanScope scope(EventTypeConfig eventType) {
    return OrphanScope.wholeTable(storage, eventType.layout());
  }
}
