package dev.compactor.table;

import dev.compactor.store.StoreUri;
import java.util.List;
import java.util.Optional;

/**
 * How the Iceberg table names the objects of the output store, and back; the one place that
 * converts between the two. The table records {@code s3://bucket/key}, as Athena and Trino read it;
 * the store works with keys. A location another writer recorded as {@code s3a://} or {@code s3n://}
 * names the same object.
 *
 * @param root the output root; only its scheme and bucket matter, keys are full keys
 */
public record TableLocations(StoreUri root) {

  private static final List<String> S3_SCHEMES = List.of("s3://", "s3a://", "s3n://");

  /** The location the table records for the object at {@code key}. */
  public String uriOf(String key) {
    return prefix() + key;
  }

  /** The key of the object {@code location} names, or empty when it is outside the store. */
  public Optional<String> keyOf(String location) {
    String normalized = location;
    if (root.isLocal()) {
      normalized = location.startsWith("file:/") ? location.substring("file:".length()) : "";
      normalized = "file:///" + stripSlashes(normalized);
    } else {
      for (String scheme : S3_SCHEMES) {
        if (location.startsWith(scheme)) {
          normalized = "s3://" + location.substring(scheme.length());
        }
      }
    }
    String prefix = prefix();
    if (!normalized.startsWith(prefix) || normalized.length() == prefix.length()) {
      return Optional.empty();
    }
    return Optional.of(normalized.substring(prefix.length()));
  }

  private String prefix() {
    return root.isLocal() ? "file:///" : "s3://" + root.bucket() + "/";
  }

  private static String stripSlashes(String path) {
    int start = 0;
    while (start < path.length() && path.charAt(start) == '/') {
      start++;
    }
    return path.substring(start);
  }
}
