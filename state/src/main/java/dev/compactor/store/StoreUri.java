package dev.compactor.store;

import java.io.Serializable;
import java.net.URI;

/**
 * A root such as {@code s3a://bucket/prefix} or {@code file:///data/raw}, split into the store it
 * lives in and the key prefix under it.
 *
 * @param scheme {@code s3a}, {@code s3} or {@code file}
 * @param bucket the bucket, empty for {@code file}
 * @param prefix key prefix without leading or trailing slash; for {@code file} the absolute path
 *     without its leading slash
 */
public record StoreUri(String scheme, String bucket, String prefix) implements Serializable {

  /** Parses a root URI; the message of the exception says which forms are accepted. */
  public static StoreUri parse(String text) {
    URI uri;
    try {
      uri = URI.create(text.trim());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException(
          "'" + text + "' is not a URI; use s3a://bucket/prefix or file:///absolute/path", e);
    }
    String scheme = uri.getScheme() == null ? "" : uri.getScheme();
    switch (scheme) {
      case "s3", "s3a" -> {
        if (uri.getHost() == null || uri.getHost().isBlank()) {
          throw new IllegalArgumentException(
              "'" + text + "' has no bucket; use s3a://bucket/prefix");
        }
        return new StoreUri("s3a", uri.getHost(), trimSlashes(uri.getPath()));
      }
      case "file" -> {
        if (uri.getAuthority() != null && !uri.getAuthority().isBlank()) {
          throw new IllegalArgumentException(
              "'" + text + "' names a host; local roots are file:///absolute/path (three slashes)");
        }
        return new StoreUri("file", "", trimSlashes(uri.getPath()));
      }
      default ->
          throw new IllegalArgumentException(
              "'"
                  + text
                  + "' has scheme '"
                  + scheme
                  + "'; use s3a://bucket/prefix or file:///absolute/path");
    }
  }

  public boolean isLocal() {
    return scheme.equals("file");
  }

  /** The full key of {@code relative} under this root. */
  public String key(String relative) {
    String rel = trimSlashes(relative);
    if (prefix.isEmpty()) {
      return rel;
    }
    return rel.isEmpty() ? prefix : prefix + "/" + rel;
  }

  /** This root with {@code relative} appended. */
  public StoreUri resolve(String relative) {
    return new StoreUri(scheme, bucket, key(relative));
  }

  @Override
  public String toString() {
    return isLocal() ? "file:///" + prefix : scheme + "://" + bucket + "/" + prefix;
  }

  private static String trimSlashes(String path) {
    String p = path == null ? "" : path;
    int start = 0;
    int end = p.length();
    while (start < end && p.charAt(start) == '/') {
      start++;
    }
    while (end > start && p.charAt(end - 1) == '/') {
      end--;
    }
    return p.substring(start, end);
  }
}
