package dev.compactor.jobs.table;

import dev.compactor.config.CompactorConfig;
import dev.compactor.config.S3Settings;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.util.HashMap;
import java.util.Map;
import org.apache.iceberg.CatalogProperties;
import org.apache.iceberg.rest.RESTCatalog;

/**
 * The REST catalog client of one run. Data and manifest files go through S3FileIO with the same
 * endpoint, addressing and region as the job's own S3 client, and credentials from the AWS default
 * chain; {@code iceberg.catalog-properties} adds what a catalog needs beyond that (SigV4 signing
 * for AWS Glue's Iceberg REST endpoint or S3 Tables, a warehouse name).
 */
public final class IcebergCatalog implements AutoCloseable {

  private final RESTCatalog catalog;
  private final String namespace;

  private IcebergCatalog(RESTCatalog catalog, String namespace) {
    this.catalog = catalog;
    this.namespace = namespace;
  }

  public static IcebergCatalog open(CompactorConfig config) {
    Map<String, String> properties = new HashMap<>(fileIo(config.s3()));
    properties.put(CatalogProperties.URI, config.iceberg().catalogUri());
    properties.putAll(config.iceberg().catalogProperties());
    RESTCatalog catalog = new RESTCatalog();
    catalog.initialize("compactor", properties);
    return new IcebergCatalog(catalog, config.iceberg().namespace());
  }

  /** The FileIO settings: the job's S3 settings in S3FileIO's terms. */
  public static Map<String, String> fileIo(S3Settings s3) {
    Map<String, String> properties = new HashMap<>();
    properties.put(CatalogProperties.FILE_IO_IMPL, "org.apache.iceberg.aws.s3.S3FileIO");
    // The S3-only client factory: the default one also loads the KMS and Glue SDK modules.
    properties.put(
        "s3.client-factory-impl", "org.apache.iceberg.aws.s3.DefaultS3FileIOAwsClientFactory");
    properties.put("client.region", s3.region());
    if (s3.hasEndpoint()) {
      properties.put("s3.endpoint", s3.endpoint());
    }
    properties.put("s3.path-style-access", String.valueOf(s3.pathStyle()));
    return properties;
  }

  RESTCatalog catalog() {
    return catalog;
  }

  String namespace() {
    return namespace;
  }

  @Override
  public void close() {
    try {
      catalog.close();
    } catch (IOException e) {
      throw new UncheckedIOException("closing the Iceberg catalog client", e);
    }
  }
}
