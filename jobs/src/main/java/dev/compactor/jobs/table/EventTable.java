package dev.compactor.jobs.table;

import dev.compactor.config.ConfigException;
import dev.compactor.config.EventTypeConfig;
import dev.compactor.domain.Hour;
import dev.compactor.domain.PartitionId;
import dev.compactor.table.TableChange;
import dev.compactor.table.TableFile;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import org.apache.iceberg.DataFile;
import org.apache.iceberg.DataFiles;
import org.apache.iceberg.FileFormat;
import org.apache.iceberg.FileScanTask;
import org.apache.iceberg.MetricsConfig;
import org.apache.iceberg.OverwriteFiles;
import org.apache.iceberg.Schema;
import org.apache.iceberg.Snapshot;
import org.apache.iceberg.Table;
import org.apache.iceberg.TableProperties;
import org.apache.iceberg.UpdateProperties;
import org.apache.iceberg.UpdateSchema;
import org.apache.iceberg.catalog.Namespace;
import org.apache.iceberg.catalog.TableIdentifier;
import org.apache.iceberg.exceptions.AlreadyExistsException;
import org.apache.iceberg.expressions.Expression;
import org.apache.iceberg.expressions.Expressions;
import org.apache.iceberg.io.CloseableIterable;
import org.apache.iceberg.mapping.MappingUtil;
import org.apache.iceberg.mapping.NameMapping;
import org.apache.iceberg.mapping.NameMappingParser;
import org.apache.iceberg.parquet.ParquetUtil;
import org.apache.iceberg.rest.RESTCatalog;

/**
 * One event type's Iceberg table: created by the first run and evolved from the reader schema by
 * later ones, listed and committed by the driver. The Parquet files carry no Iceberg field IDs, so
 * the table's default name mapping tells readers (Athena, Trino, Spark) which column is which.
 */
public final class EventTable {

  /** Concurrent footer reads of a commit's new files: I/O-bound, few cores. */
  private static final int FOOTER_READERS = 16;

  /** The files the current snapshot holds in some hours, and the snapshot they were read from. */
  public record State(Long snapshotId, Map<String, DataFile> files, List<TableFile> listed) {}

  /**
   * Metadata files bounded: each commit writes a new metadata file, and without these properties
   * every one of them stays forever. A run writes about two (its commit and its snapshot expiry),
   * so 48 keeps about a day of versions to roll the catalog back to by hand. Time travel does not
   * need them: every version lists all unexpired snapshots, and retention bounds those.
   */
  static final Map<String, String> METADATA_LIMITS =
      Map.of(
          TableProperties.METADATA_DELETE_AFTER_COMMIT_ENABLED, "true",
          TableProperties.METADATA_PREVIOUS_VERSIONS_MAX, "48");

  private final Table table;
  private final TableIdentifier id;

  private EventTable(Table table, TableIdentifier id) {
    this.table = table;
    this.id = id;
  }

  /** Loads the event type's table, creating it or adding the reader schema's new fields. */
  public static EventTable open(IcebergCatalog catalog, EventTypeConfig config) {
    RESTCatalog rest = catalog.catalog();
    Namespace namespace = Namespace.of(catalog.namespace());
    if (!rest.namespaceExists(namespace)) {
      try {
        rest.createNamespace(namespace);
      } catch (AlreadyExistsException raced) {
        // Another event type's run created it first.
      }
    }
    TableIdentifier id = TableIdentifier.of(namespace, config.name());
    Schema wanted = TableSchemas.of(config);
    if (!rest.tableExists(id)) {
      create(rest, id, wanted);
    }
    Table table = rest.loadTable(id);
    evolve(table, wanted, config);
    mapNames(table);
    limitMetadata(table);
    return new EventTable(table, id);
  }

  /** The event type's table as it stands, changing nothing; empty when no run created it yet. */
  public static Optional<EventTable> find(IcebergCatalog catalog, EventTypeConfig config) {
    Namespace namespace = Namespace.of(catalog.namespace());
    TableIdentifier id = TableIdentifier.of(namespace, config.name());
    if (!catalog.catalog().namespaceExists(namespace) || !catalog.catalog().tableExists(id)) {
      return Optional.empty();
    }
    return Optional.of(new EventTable(catalog.catalog().loadTable(id), id));
  }

  /**
   * A plain create, not a create transaction: that one is a staged create, which AWS Glue's Iceberg
   * REST endpoint refuses ("CreateTable with staging is not supported"). The name mapping follows
   * in a commit of its own ({@link #mapNames}), since the catalog assigns the field IDs.
   */
  private static void create(RESTCatalog rest, TableIdentifier id, Schema schema) {
    try {
      rest.buildTable(id, schema)
          .withPartitionSpec(TableSchemas.spec(schema))
          .withProperty(TableProperties.FORMAT_VERSION, "2")
          .withProperty(TableProperties.DEFAULT_FILE_FORMAT, "parquet")
          .withProperties(METADATA_LIMITS)
          .create();
    } catch (AlreadyExistsException raced) {
      // Created meanwhile (a run of this event type cannot race itself: the lease is held).
    }
  }

  /**
   * Adds the reader schema's new optional fields; field IDs of existing columns never change. A
   * change the table cannot take (a type narrowed, a required field added) is refused.
   */
  private static void evolve(Table table, Schema wanted, EventTypeConfig config) {
    UpdateSchema update;
    Schema evolved;
    try {
      update = table.updateSchema().unionByNameWith(wanted);
      evolved = update.apply();
    } catch (IllegalArgumentException | IllegalStateException e) {
      throw new ConfigException(
          "event-type."
              + config.name()
              + ".schema cannot evolve the Iceberg table "
              + table.name()
              + ": "
              + e.getMessage()
              + ". Only new optional fields and widened types can be added; give the changed"
              + " field a new name, or create a new event type for the new schema.");
    }
    if (!evolved.sameSchema(table.schema())) {
      update.commit();
      table.refresh();
    }
  }

  /**
   * Makes the default name mapping that of the current schema, when it is not: after the create,
   * after a schema change, and after a run that stopped between either and this commit.
   */
  private static void mapNames(Table table) {
    String mapping = NameMappingParser.toJson(MappingUtil.create(table.schema()));
    if (!mapping.equals(table.properties().get(TableProperties.DEFAULT_NAME_MAPPING))) {
      table.updateProperties().set(TableProperties.DEFAULT_NAME_MAPPING, mapping).commit();
      table.refresh();
    }
  }

  /** Sets {@link #METADATA_LIMITS} on a table created before they were set at create. */
  private static void limitMetadata(Table table) {
    Map<String, String> properties = table.properties();
    boolean set =
        METADATA_LIMITS.entrySet().stream()
            .allMatch(e -> e.getValue().equals(properties.get(e.getKey())));
    if (!set) {
      UpdateProperties update = table.updateProperties();
      METADATA_LIMITS.forEach(update::set);
      update.commit();
      table.refresh();
    }
  }

  /** {@code <namespace>.<table>}, as queries name it. */
  public String name() {
    return id.toString();
  }

  /** The table's snapshots, for retention. */
  public TableSnapshots snapshots() {
    return new TableSnapshots(table);
  }

  /** The data files the current snapshot holds in {@code hours}. */
  public State current(Set<Hour> hours) {
    table.refresh();
    Snapshot snapshot = table.currentSnapshot();
    Map<String, DataFile> files = new LinkedHashMap<>();
    List<TableFile> listed = new ArrayList<>();
    if (snapshot != null) {
      try (CloseableIterable<FileScanTask> tasks =
          table.newScan().useSnapshot(snapshot.snapshotId()).filter(of(hours)).planFiles()) {
        for (FileScanTask task : tasks) {
          DataFile file = task.file();
          String uri = file.location();
          if (files.putIfAbsent(uri, file) == null) {
            listed.add(
                new TableFile(partitionOf(file), uri, file.fileSizeInBytes(), file.recordCount()));
          }
        }
      } catch (IOException e) {
        throw new UncheckedIOException("listing the files of " + table.name(), e);
      }
    }
    return new State(snapshot == null ? null : snapshot.snapshotId(), files, listed);
  }

  /**
   * Commits {@code change} as one snapshot, validated against commits made since {@code state} was
   * read in the same hours; {@code summary} goes into the snapshot summary.
   *
   * @return the new snapshot's ID
   */
  public long commit(
      State state, TableChange change, Set<Hour> hours, Map<String, String> summary) {
    OverwriteFiles overwrite = table.newOverwrite();
    change.remove().forEach(f -> overwrite.deleteFile(state.files().get(f.uri())));
    dataFiles(change.add()).forEach(overwrite::addFile);
    if (state.snapshotId() != null) {
      overwrite.validateFromSnapshot(state.snapshotId());
    }
    overwrite
        .conflictDetectionFilter(of(hours))
        .validateNoConflictingData()
        .validateNoConflictingDeletes();
    summary.forEach(overwrite::set);
    overwrite.commit();
    table.refresh();
    return table.currentSnapshot().snapshotId();
  }

  /**
   * The files to add, in order, their footers read concurrently: each is one or two small ranged
   * GETs, and a first run adds hundreds of files.
   */
  private List<DataFile> dataFiles(List<TableFile> files) {
    if (files.isEmpty()) {
      return List.of();
    }
    NameMapping mapping =
        NameMappingParser.fromJson(table.properties().get(TableProperties.DEFAULT_NAME_MAPPING));
    ExecutorService pool =
        Executors.newFixedThreadPool(
            Math.min(FOOTER_READERS, files.size()),
            r -> {
              Thread thread = new Thread(r, "table-footers");
              thread.setDaemon(true);
              return thread;
            });
    try {
      List<Future<DataFile>> reads = new ArrayList<>();
      for (TableFile file : files) {
        reads.add(pool.submit(() -> dataFile(file, mapping)));
      }
      List<DataFile> dataFiles = new ArrayList<>();
      for (Future<DataFile> read : reads) {
        dataFiles.add(read.get());
      }
      return dataFiles;
    } catch (ExecutionException e) {
      if (e.getCause() instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException("reading the footers of " + table.name(), e.getCause());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted reading the footers of " + table.name(), e);
    } finally {
      pool.shutdownNow();
    }
  }

  /** A file to add, with the column metrics of its footer, mapped to the table's field IDs. */
  private DataFile dataFile(TableFile file, NameMapping mapping) {
    PartitionId p = file.partition();
    return DataFiles.builder(table.spec())
        .withPath(file.uri())
        .withFormat(FileFormat.PARQUET)
        .withFileSizeInBytes(file.size())
        .withPartitionValues(
            List.of(
                p.hour().date().toString(),
                String.valueOf(p.hour().hourOfDay()),
                String.valueOf(p.bucket())))
        .withMetrics(
            ParquetUtil.fileMetrics(
                table.io().newInputFile(file.uri(), file.size()),
                MetricsConfig.forTable(table),
                mapping))
        .build();
  }

  private static PartitionId partitionOf(DataFile file) {
    String dt = file.partition().get(0, String.class);
    int hr = file.partition().get(1, Integer.class);
    int bucket = file.partition().get(2, Integer.class);
    return new PartitionId(Hour.of(java.time.LocalDate.parse(dt), hr), bucket);
  }

  /** The rows of {@code hours}: one (dt, hr) pair each. */
  static Expression of(Set<Hour> hours) {
    Expression any = Expressions.alwaysFalse();
    for (Hour hour : hours) {
      any =
          Expressions.or(
              any,
              Expressions.and(
                  Expressions.equal(TableSchemas.DT, hour.date().toString()),
                  Expressions.equal(TableSchemas.HR, hour.hourOfDay())));
    }
    return any;
  }
}
