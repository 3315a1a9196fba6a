package dev.compactor.config;

import java.io.Serializable;
import java.time.Duration;
import java.util.Map;

/**
 * The Iceberg REST catalog that event types with {@code parquet-table=iceberg} commit to.
 *
 * @param catalogUri the REST endpoint; empty when no event type uses Iceberg
 * @param namespace the namespace (database) of the tables; each table is named after its event type
 * @param catalogProperties extra REST client properties, e.g. SigV4 signing for AWS Glue
 * @param snapshotRetention snapshots superseded longer ago are expired, with the files only they
 *     reference, and table data files that no snapshot references, no manifest names and nothing
 *     modified for this long are deleted; it must outlast the longest query and any run in flight
 */
public record IcebergSettings(
    String catalogUri,
    String namespace,
    Map<String, String> catalogProperties,
    Duration snapshotRetention)
    implements Serializable {

  public IcebergSettings {
    catalogProperties = Map.copyOf(catalogProperties);
  }
}
