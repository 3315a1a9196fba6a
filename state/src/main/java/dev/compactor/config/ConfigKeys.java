package dev.compactor.config;

import java.util.List;
import java.util.Optional;

/**
 * Every configuration key with its default and meaning: the single list the loader validates
 * against (unknown keys are rejected) and the reference in conf/README.md is written from.
 * Per-event-type keys are written {@code event-type.<name>.<key>}.
 */
public final class ConfigKeys {

  /** One key; {@code defaultValue} null means required. */
  public record Key(String name, String defaultValue, String description) {}

  public static final String EVENT_TYPE_PREFIX = "event-type.";

  public static final List<Key> GLOBAL =
      List.of(
          new Key("input.root", null, "URI of raw input: s3a://bucket/prefix or file:///path"),
          new Key("output.root", null, "URI under which avro/ and parquet/ outputs are written"),
          new Key(
              "state.root", null, "URI for manifests, run reports (_runs/) and locks (_locks/)"),
          new Key("event-types", null, "comma-separated event types configured below"),
          new Key("s3.endpoint", "", "endpoint override for S3-compatible servers; empty for AWS"),
          new Key(
              "s3.path-style", "false", "path-style addressing (most local S3 servers need it)"),
          new Key("s3.region", "us-east-1", "signing region"),
          new Key(
              "s3.etag-is-md5",
              "true",
              "trust 32-hex ETags as MD5; ones that are not (SSE-KMS) are found on read"),
          new Key(
              "s3.sse-kms-key-id",
              "",
              "KMS key ID/ARN to encrypt outputs with; empty: bucket default"),
          new Key("spark.master", "", "Spark master; empty: spark-submit's, or local[*] embedded"),
          new Key(
              "spark.local-dir",
              "",
              "scratch folder for outputs before upload; empty: java.io.tmpdir"),
          new Key(
              "spark.task-memory-mb",
              "0",
              "memory a task may fill with records before it spills; 0: auto"),
          new Key(
              "lock.lease-seconds", "600", "lease length; a killed holder blocks others this long"),
          new Key("lock.renew-seconds", "120", "how often a running job renews its lease"),
          new Key("metrics.namespace", "Compactor", "CloudWatch namespace of the EMF metrics line"),
          new Key(
              "metrics.dimensions", "", "extra EMF dimensions, e.g. Environment=prod,Team=data"),
          new Key(
              "iceberg.catalog-uri",
              "",
              "Iceberg REST catalog endpoint; required by parquet-table=iceberg"),
          new Key("iceberg.namespace", "compactor", "catalog namespace of the Iceberg tables"),
          new Key(
              "iceberg.catalog-properties",
              "",
              "extra REST client properties, e.g. rest.sigv4-enabled=true,rest.signing-name=glue"),
          new Key(
              "iceberg.snapshot-retention-hours",
              "6",
              "snapshots superseded longer ago are expired, and table data files no snapshot or"
                  + " manifest uses and older than this deleted; must outlast the longest query"),
          new Key("cost.get-per-1000", "0.0004", "USD per 1,000 GET/HEAD requests (S3 Standard)"),
          new Key(
              "cost.put-per-1000", "0.005", "USD per 1,000 PUT/LIST/POST requests (S3 Standard)"),
          new Key("cost.vcpu-hour", "0.04048", "USD per vCPU-hour of compute"),
          new Key(
              "cost.mb-per-vcpu-second",
              "1.0",
              "input MB one vCPU compacts per second (see the benchmark)"));

  public static final List<Key> PER_EVENT_TYPE =
      List.of(
          new Key("schema", null, "reader schema .avsc, relative to the config file's folder"),
          new Key("event-id", "event_id", "field path of the event ID, e.g. event_id or header.id"),
          new Key("winner", "", "which copy wins: 'field [asc|desc], ...'; ties: canonical bytes"),
          new Key("sort", "", "output order: 'field [asc|desc], ...'; empty: the event ID"),
          new Key("buckets", null, "hash buckets per hour written upstream"),
          new Key("bucket-digits", "2", "zero padding of bucket numbers (bucket=07, part-07)"),
          new Key(
              "input-template",
              "{event_type}/dt={date}/hr={hour}/bucket={bucket}",
              "input layout under input.root; also {yyyy} {MM} {dd} {HH}"),
          new Key("window-hours", "12", "hours an hourly run rescans"),
          new Key(
              "event-time",
              "",
              "timestamp-millis field counted when outside the file's hour; empty: no check"),
          new Key("null-id", "keep", "records without an event ID: keep, quarantine or fail"),
          new Key(
              "ignore-pattern",
              "^[_.].*|.*\\.tmp$|.*\\$folder\\$$",
              "regex on file names that are not data and are skipped"),
          new Key("avro-codec", "snappy", "output Avro codec: null, deflate, snappy, zstandard"),
          new Key(
              "parquet-codec", "snappy", "output Parquet codec: uncompressed, snappy, gzip, zstd"),
          new Key("parquet-row-group-mb", "128", "Parquet row-group size in MiB"),
          new Key(
              "parquet-table",
              "hive",
              "how Parquet is published: hive (replaced in place) or iceberg (a snapshot per"
                  + " run)"));

  private ConfigKeys() {}

  public static Optional<Key> global(String name) {
    return GLOBAL.stream().filter(k -> k.name().equals(name)).findFirst();
  }

  public static Optional<Key> perEventType(String name) {
    return PER_EVENT_TYPE.stream().filter(k -> k.name().equals(name)).findFirst();
  }
}
