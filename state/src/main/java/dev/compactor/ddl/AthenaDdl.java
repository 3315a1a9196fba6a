package dev.compactor.ddl;

import dev.compactor.layout.Layout;
import dev.compactor.store.StoreUri;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Collectors;
import org.apache.avro.Schema;

/**
 * The Athena {@code CREATE EXTERNAL TABLE} statements for one event type's outputs: one table over
 * the Parquet files, one over the Avro files. Both are partitioned by {@code dt} and {@code hr}
 * with partition projection, so Athena computes each hour's location from the query instead of
 * looking partitions up: a new hour is queryable as soon as its files exist, with no crawler and no
 * {@code MSCK REPAIR TABLE}.
 *
 * <p>{@code dt} is declared {@code string} with the {@code date} projection type: projection types
 * only say how to enumerate and format values, the column keeps its declared type, so queries
 * compare it with strings such as {@code '2026-11-23'}. {@code hr} is an {@code int} with the
 * {@code integer} projection type and two digits, which yields the zero-padded {@code hr=07}
 * folders. Athena projects dates in UTC, the zone the job partitions by.
 *
 * <p>Built with {@link #builder}; pure (no I/O), so the statements are unit-tested as text.
 */
public final class AthenaDdl {

  /** The partition columns, which the output layout fixes. */
  static final String DATE_COLUMN = "dt";

  static final String HOUR_COLUMN = "hr";

  private final String eventType;
  private final Layout layout;
  private final Schema schema;
  private final StoreUri outputRoot;
  private final String database;
  private final String table;
  private final LocalDate since;
  private final boolean parquetLocalTimestampsAnnotated;

  private AthenaDdl(Builder b) {
    this.eventType = b.layout.eventType();
    this.layout = b.layout;
    this.schema = b.schema;
    this.outputRoot = b.outputRoot;
    this.database = b.database;
    this.table = b.table == null ? AthenaNames.tableNameFor(eventType) : b.table;
    this.since = b.since;
    this.parquetLocalTimestampsAnnotated = b.parquetLocalTimestampsAnnotated;
  }

  /**
   * @param layout the event type's keys; its name also names the tables by default
   * @param readerSchema the event type's reader schema, which both outputs are written with
   * @param outputRoot the configured {@code output.root}
   */
  public static Builder builder(Layout layout, Schema readerSchema, StoreUri outputRoot) {
    return new Builder(layout, readerSchema, outputRoot);
  }

  /** The table over the Parquet output, named {@code <table>}. */
  public String parquet() {
    TableColumns columns =
        AthenaTypeMapper.forParquet(parquetLocalTimestampsAnnotated).columns(schema);
    return statement(TableFormat.PARQUET, table, columns, List.of("STORED AS PARQUET"));
  }

  /** The table over the Avro output, named {@code <table>_avro}, read by the Hive Avro SerDe. */
  public String avro() {
    TableColumns columns = AthenaTypeMapper.of(TableFormat.AVRO).columns(schema);
    // Athena requires the schema literal (it refuses avro.schema.url) and the column list beside
    // it.
    List<String> storage =
        List.of(
            "ROW FORMAT SERDE 'org.apache.hadoop.hive.serde2.avro.AvroSerDe'",
            "WITH SERDEPROPERTIES ('avro.schema.literal' = "
                + HiveLiteral.quote(schema.toString())
                + ")",
            "STORED AS AVRO");
    String name = AthenaNames.checkedTableName(table + "_avro", "the Avro table");
    return statement(TableFormat.AVRO, name, columns, storage);
  }

  /** The statement for {@code format}. */
  public String statement(TableFormat format) {
    return format == TableFormat.PARQUET ? parquet() : avro();
  }

  private String statement(
      TableFormat format, String name, TableColumns columns, List<String> storage) {
    refusePartitionColumnNames(columns);
    AthenaLocation location = AthenaLocation.of(outputRoot, layout.dataFolder(format.folder()));
    List<String> lines = new ArrayList<>(comments(format, location, columns));
    lines.add("CREATE EXTERNAL TABLE IF NOT EXISTS " + qualified(name) + " (");
    lines.add(
        columns.columns().stream()
            .map(c -> "  " + c.declaration())
            .collect(Collectors.joining(",\n")));
    lines.add(")");
    lines.add(
        "PARTITIONED BY ("
            + AthenaNames.quote(DATE_COLUMN)
            + " string, "
            + AthenaNames.quote(HOUR_COLUMN)
            + " int)");
    lines.addAll(storage);
    lines.add("LOCATION " + HiveLiteral.quote(location.uri()));
    lines.add("TBLPROPERTIES (");
    lines.add(
        projection(location).entrySet().stream()
            .map(
                p -> "  " + HiveLiteral.quote(p.getKey()) + " = " + HiveLiteral.quote(p.getValue()))
            .collect(Collectors.joining(",\n")));
    lines.add(");");
    return String.join("\n", lines) + "\n";
  }

  private List<String> comments(TableFormat format, AthenaLocation location, TableColumns columns) {
    List<String> lines = new ArrayList<>();
    lines.add(
        "-- "
            + eventType
            + ", "
            + format.name().toLowerCase(Locale.ROOT)
            + " output: "
            + location.uri()
            + "dt=YYYY-MM-DD/hr=HH/");
    lines.add(
        "-- Partition projection on dt and hr: new hours are queryable at once, with no crawler and"
            + " no MSCK REPAIR TABLE.");
    if (!location.onS3()) {
      lines.add(
          "-- output.root is not on S3: Athena reads only s3:// locations, so this table works only"
              + " in an engine that reads "
              + location.uri());
    }
    columns.omitted().forEach(o -> lines.add("-- left out: " + o.path() + ": " + o.reason()));
    return lines;
  }

  /** Partition projection as Athena documents it; the template must match {@code Layout}. */
  Map<String, String> projection(AthenaLocation location) {
    Map<String, String> p = new LinkedHashMap<>();
    p.put("projection.enabled", "true");
    p.put("projection.dt.type", "date");
    p.put("projection.dt.format", "yyyy-MM-dd");
    // NOW is evaluated at query time, so today's date is always in range.
    p.put("projection.dt.range", since + ",NOW");
    p.put("projection.dt.interval", "1");
    p.put("projection.dt.interval.unit", "DAYS");
    p.put("projection.hr.type", "integer");
    p.put("projection.hr.range", "0,23");
    p.put("projection.hr.digits", "2");
    p.put("storage.location.template", location.partitionTemplate());
    return p;
  }

  private void refusePartitionColumnNames(TableColumns columns) {
    for (AthenaColumn column : columns.columns()) {
      String name = AthenaNames.lower(column.name());
      if (name.equals(DATE_COLUMN) || name.equals(HOUR_COLUMN)) {
        throw new IllegalArgumentException(
            "field '"
                + column.name()
                + "' of "
                + schema.getFullName()
                + " has the name of the partition"
                + " column "
                + name
                + ", and an Athena table cannot have both; rename the field");
      }
    }
  }

  private String qualified(String name) {
    return database == null
        ? AthenaNames.quote(name)
        : AthenaNames.quote(database) + "." + AthenaNames.quote(name);
  }

  /** Optional settings; each has a default. */
  public static final class Builder {
    private final Layout layout;
    private final Schema schema;
    private final StoreUri outputRoot;
    private String database;
    private String table;
    private LocalDate since = LocalDate.of(2020, 1, 1);
    private boolean parquetLocalTimestampsAnnotated = true;

    private Builder(Layout layout, Schema schema, StoreUri outputRoot) {
      this.layout = Objects.requireNonNull(layout);
      this.schema = Objects.requireNonNull(schema);
      this.outputRoot = Objects.requireNonNull(outputRoot);
    }

    /** The database to create the tables in; by default none, i.e. the query's current database. */
    public Builder database(String name) {
      this.database = AthenaNames.checkedTableName(name, "the database");
      return this;
    }

    /**
     * The Parquet table's name, and with {@code _avro} the Avro table's; by default the event type.
     */
    public Builder table(String name) {
      this.table = AthenaNames.checkedTableName(name, "the table");
      return this;
    }

    /**
     * The first date partition projection enumerates (default 2020-01-01). A query without a {@code
     * dt} condition lists every projected hour from here to today, so set it near the oldest data.
     */
    public Builder since(LocalDate date) {
      this.since = Objects.requireNonNull(date);
      return this;
    }

    /**
     * Whether the Parquet writer annotates local timestamps (see {@link
     * AthenaTypeMapper#forParquet}).
     */
    public Builder parquetLocalTimestampsAnnotated(boolean annotated) {
      this.parquetLocalTimestampsAnnotated = annotated;
      return this;
    }

    public AthenaDdl build() {
      return new AthenaDdl(this);
    }
  }
}
