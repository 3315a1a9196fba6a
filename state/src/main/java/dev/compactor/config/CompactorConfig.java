package dev.compactor.config;

import dev.compactor.store.StoreUri;
import java.io.Serializable;
import java.util.Map;
import java.util.TreeSet;

/**
 * The whole, validated configuration. Built only by {@link ConfigLoader}.
 *
 * @param inputRoot where upstream writes raw files (read-only to the job)
 * @param outputRoot where merged Avro and Parquet go
 * @param stateRoot manifests, run reports and locks
 * @param s3 how to reach S3
 * @param spark how to run Spark
 * @param lock lease lock timings
 * @param metrics the EMF metrics line
 * @param prices prices for the cost preview
 * @param iceberg the catalog of event types published as Iceberg tables
 * @param eventTypes per event type, by name
 */
public record CompactorConfig(
    StoreUri inputRoot,
    StoreUri outputRoot,
    StoreUri stateRoot,
    S3Settings s3,
    SparkSettings spark,
    LockSettings lock,
    MetricsSettings metrics,
    PriceTable prices,
    IcebergSettings iceberg,
    Map<String, EventTypeConfig> eventTypes)
    implements Serializable {

  public CompactorConfig {
    eventTypes = Map.copyOf(eventTypes);
  }

  /** The event type's settings, or a {@link ConfigException} listing the configured ones. */
  public EventTypeConfig eventType(String name) {
    EventTypeConfig config = eventTypes.get(name);
    if (config == null) {
      throw new ConfigException(
          "event type '"
              + name
              + "' is not configured; configured: "
              + new TreeSet<>(eventTypes.keySet())
              + " (add event-type."
              + name
              + ".* keys)");
    }
    return config;
  }
}
