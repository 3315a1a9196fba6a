package dev.compactor.store;

import java.time.Instant;

/**
 * One object as a listing reports it.
 *
 * @param key full key in the store
 * @param size bytes
 * @param etag the store's entity tag without quotes; on S3 the hex MD5 for single-part uploads
 *     without SSE-KMS, otherwise opaque
 * @param lastModified when the object was last written
 */
public record ObjectInfo(String key, long size, String etag, Instant lastModified) {

  /** The last path segment of the key. */
  public String name() {
    int slash = key.lastIndexOf('/');
    return slash < 0 ? key : key.substring(slash + 1);
  }
}
