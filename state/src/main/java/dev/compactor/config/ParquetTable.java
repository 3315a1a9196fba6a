package dev.compactor.config;

/** How an event type's Parquet copy is published; {@link #toString()} is its configuration name. */
public enum ParquetTable {
  /**
   * Hive-style folders, each partition's file replaced in place: atomic per object, so a query that
   * spans a run may fail or see two runs.
   */
  HIVE("hive"),
  /**
   * An Iceberg table: files written once under names of their own, one snapshot committed per run,
   * so a query sees one committed run.
   */
  ICEBERG("iceberg");

  private final String configName;

  ParquetTable(String configName) {
    this.configName = configName;
  }

  @Override
  public String toString() {
    return configName;
  }
}
