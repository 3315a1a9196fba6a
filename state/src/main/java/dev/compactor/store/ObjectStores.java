package dev.compactor.store;

import dev.compactor.config.S3Settings;

/** Opens the {@link ObjectStore} a root URI lives in. */
public final class ObjectStores {

  private ObjectStores() {}

  /**
   * A {@link LocalObjectStore} for {@code file:} roots, an {@link S3ObjectStore} on the root's
   * bucket for {@code s3a:} (and {@code s3:}) roots. Keys passed to the store are full keys, such
   * as {@code uri.key("dt=2026-11-23/hr=07/f.avro")}.
   */
  public static ObjectStore open(StoreUri uri, S3Settings s3) {
    return switch (uri.scheme()) {
      case "file" -> new LocalObjectStore();
      case "s3a", "s3" -> new S3ObjectStore(uri.bucket(), s3);
      default ->
          throw new IllegalArgumentException(
              "No object store for scheme '" + uri.scheme() + "' in " + uri);
    };
  }
}
