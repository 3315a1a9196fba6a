package dev.compactor.scan;

import dev.compactor.domain.InputFile;
import dev.compactor.store.ObjectInfo;
import dev.compactor.store.ObjectStore;
import dev.compactor.store.StoreException;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Pattern;

/**
 * Turns listed objects into fingerprinted {@link InputFile}s. An S3 ETag is the content MD5 only
 * for single-part uploads without SSE-KMS or SSE-C; for anything else (a {@code -N} multipart ETag,
 * a local file, KMS) the MD5 is computed by streaming the object once and then remembered in the
 * manifest under (key, size, ETag), so it is never computed twice.
 *
 * <p>A MD5 the manifests remember for exactly (key, size, ETag) wins over taking a 32-hex ETag for
 * the MD5: under SSE-KMS or SSE-C an ETag looks like a MD5 but is not one, and once a rebuild has
 * found that out and recorded the true MD5, every later run must use it.
 */
public final class Md5Resolver {

  private static final Pattern PLAIN_MD5 = Pattern.compile("[0-9a-f]{32}");

  private final ObjectStore store;
  private final boolean etagIsMd5;
  private final Map<FileVersion, String> known;
  private final AtomicLong computed = new AtomicLong();
  private final AtomicLong bytesStreamed = new AtomicLong();

  /** Identifies one version of an object as listed. */
  public record FileVersion(String key, long size, String etag) {}

  /**
   * @param known MD5s recorded by earlier runs
   */
  public Md5Resolver(ObjectStore store, boolean etagIsMd5, Map<FileVersion, String> known) {
    this.store = store;
    this.etagIsMd5 = etagIsMd5;
    this.known = Map.copyOf(known);
  }

  /**
   * The object's fingerprint: the MD5 remembered for this version, else (when ETags are trusted) a
   * 32-hex ETag taken for the MD5, else the MD5 of the object's bytes, streamed now.
   */
  public InputFile resolve(ObjectInfo object) {
    String etag = object.etag();
    String md5 = known.get(new FileVersion(object.key(), object.size(), etag));
    if (md5 == null && etagIsMd5 && PLAIN_MD5.matcher(etag).matches()) {
      // Unproven: the task that reads the file checks it and corrects it (SSE-KMS, SSE-C).
      md5 = etag;
    }
    if (md5 == null) {
      md5 = streamMd5(object.key());
      computed.incrementAndGet();
      bytesStreamed.addAndGet(object.size());
    }
    return new InputFile(object.key(), object.size(), etag, md5);
  }

  /** How many MD5s this resolver had to compute by reading the object. */
  public long computed() {
    return computed.get();
  }

  public long bytesStreamed() {
    return bytesStreamed.get();
  }

  private String streamMd5(String key) {
    MessageDigest md5 = newMd5();
    try (InputStream in = new DigestInputStream(store.open(key), md5)) {
      in.transferTo(OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw new StoreException(
          "Cannot read " + store.uri(key) + " to compute its MD5: " + e.getMessage(), e);
    }
    return HexFormat.of().formatHex(md5.digest());
  }

  private static MessageDigest newMd5() {
    try {
      return MessageDigest.getInstance("MD5");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("MD5 is required by the Java platform", e);
    }
  }
}
