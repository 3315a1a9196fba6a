package dev.compactor.store;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/**
 * The few object-store operations the compactor needs, with S3 semantics.
 *
 * <p>Keys are full keys inside one bucket (S3) or paths relative to the filesystem root (local).
 * Every write is atomic for readers: a reader sees the previous object or the new one, never a
 * partial one. Failures surface as {@link StoreException} (with the object's URI in the message) so
 * callers never have to know which implementation they talk to.
 */
public interface ObjectStore extends AutoCloseable {

  /** Every object whose key starts with {@code prefix}, all pages, in key order. */
  List<ObjectInfo> list(String prefix);

  /** Size, ETag and last-modified of one object, or empty when it does not exist. */
  Optional<ObjectInfo> head(String key);

  /** Streams the object. Throws {@link NoSuchObjectException} when it does not exist. */
  InputStream open(String key);

  /**
   * The whole object in memory; for small objects such as manifests. Empty when it does not exist.
   */
  Optional<byte[]> readIfExists(String key);

  /** Replaces (or creates) the object with the file's bytes; returns the new ETag. */
  String put(String key, Path file);

  /** Replaces (or creates) the object with {@code bytes}; returns the new ETag. */
  String put(String key, byte[] bytes);

  /**
   * Creates the object only if no object exists at the key ({@code If-None-Match: *}).
   *
   * @throws PreconditionFailedException when an object already exists
   */
  String putIfAbsent(String key, byte[] bytes);

  /**
   * Replaces the object only if its current ETag is {@code expectedEtag} ({@code If-Match}).
   *
   * @throws PreconditionFailedException when the object changed or is gone
   */
  String putIfMatch(String key, byte[] bytes, String expectedEtag);

  /** Deletes the object; deleting a missing object is not an error. */
  void delete(String key);

  /** The object's URI for messages, e.g. {@code s3a://bucket/key}. */
  String uri(String key);

  @Override
  void close();

  /** Reads a whole stream, mapping I/O failures to a {@link StoreException} naming the object. */
  default byte[] readAll(String key) {
    try (InputStream in = open(key)) {
      return in.readAllBytes();
    } catch (IOException e) {
      throw new StoreException("Cannot read " + uri(key) + ": " + e.getMessage(), e);
    }
  }
}
