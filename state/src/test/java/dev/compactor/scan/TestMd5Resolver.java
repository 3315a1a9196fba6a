package dev.compactor.scan;

import static org.assertj.core.api.Assertions.assertThat;

import dev.compactor.domain.InputFile;
import dev.compactor.store.ForwardingObjectStore;
import dev.compactor.store.LocalObjectStore;
import dev.compactor.store.ObjectInfo;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.HexFormat;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Where a listed file's MD5 comes from: the manifests, the ETag, or the bytes. */
class TestMd5Resolver {

  private static final byte[] CONTENT = "eleven bytes".getBytes(StandardCharsets.UTF_8);
  private static final String TRUE_MD5 = md5(CONTENT);

  /** What SSE-KMS gives: 32 hex digits, but not the MD5 of the content. */
  private static final String KMS_ETAG = md5("kms:".getBytes(StandardCharsets.UTF_8));

  @TempDir Path dir;

  private CountingOpens store;
  private String key;

  @BeforeEach
  void writeObject() {
    store = new CountingOpens();
    key = dir.toString().substring(1) + "/bucket=00/a.avro";
    store.put(key, CONTENT);
  }

  @Test
  void aMd5RememberedForThisVersionWinsOverAnEtagThatLooksLikeOne() {
    Md5Resolver resolver = new Md5Resolver(store, true, Map.of(version(key, KMS_ETAG), TRUE_MD5));

    InputFile file = resolver.resolve(listed(KMS_ETAG));

    assertThat(file).isEqualTo(new InputFile(key, CONTENT.length, KMS_ETAG, TRUE_MD5));
    assertThat(store.opens.get()).as("objects read").isZero();
    assertThat(resolver.computed()).isZero();
  }

  @Test
  void aPlainEtagNothingRemembersIsTakenForTheMd5WithoutReading() {
    Md5Resolver resolver = new Md5Resolver(store, true, Map.of());

    InputFile file = resolver.resolve(listed(KMS_ETAG));

    assertThat(file.md5()).isEqualTo(KMS_ETAG);
    assertThat(store.opens.get()).isZero();
  }

  @Test
  void aMd5RememberedForAnotherEtagOrSizeIsNotUsed() {
    String otherEtag = md5("older version".getBytes(StandardCharsets.UTF_8));
    Map<Md5Resolver.FileVersion, String> known =
        Map.of(
            version(key, otherEtag),
            TRUE_MD5,
            new Md5Resolver.FileVersion(key, CONTENT.length + 1, KMS_ETAG),
            TRUE_MD5);
    Md5Resolver resolver = new Md5Resolver(store, true, known);

    assertThat(resolver.resolve(listed(KMS_ETAG)).md5()).isEqualTo(KMS_ETAG);
  }

  @Test
  void withEtagsUntrustedARememberedMd5IsUsedAndAnUnknownOneIsStreamedOnce() {
    Md5Resolver resolver = new Md5Resolver(store, false, Map.of(version(key, KMS_ETAG), TRUE_MD5));
    String replacedEtag = md5("replaced".getBytes(StandardCharsets.UTF_8));

    assertThat(resolver.resolve(listed(KMS_ETAG)).md5()).isEqualTo(TRUE_MD5);
    assertThat(store.opens.get()).isZero();
    assertThat(resolver.resolve(listed(replacedEtag)).md5()).isEqualTo(TRUE_MD5);
    assertThat(store.opens.get()).isEqualTo(1);
    assertThat(resolver.computed()).isEqualTo(1);
    assertThat(resolver.bytesStreamed()).isEqualTo(CONTENT.length);
  }

  private ObjectInfo listed(String etag) {
    return new ObjectInfo(key, CONTENT.length, etag, Instant.EPOCH);
  }

  private static Md5Resolver.FileVersion version(String key, String etag) {
    return new Md5Resolver.FileVersion(key, CONTENT.length, etag);
  }

  private static String md5(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A local store that counts how often an object is read. */
  private static final class CountingOpens extends ForwardingObjectStore {
    final AtomicInteger opens = new AtomicInteger();

    CountingOpens() {
      super(new LocalObjectStore());
    }

    @Override
    public InputStream open(String key) {
      opens.incrementAndGet();
      return delegate.open(key);
    }
  }
}
