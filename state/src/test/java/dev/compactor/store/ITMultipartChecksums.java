package dev.compactor.store;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Base64;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.zip.CRC32;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Multipart uploads, seen at the wire, must agree on checksums between their UploadPart requests
 * and their CompleteMultipartUpload: S3 refuses a Complete that omits checksums its parts carried
 * (aws-sdk-java-v2 issue 6518), and SDK 2.30 and later add a CRC32 to every part by default. The
 * test server accepts such a mismatch, so the proxy's record of the requests is what is checked.
 * Run under both the default SDK and {@code -Pemr8-sdk}.
 */
class ITMultipartChecksums {

  private static final String BUCKET = "multipart-checksums-it";
  private static final long MIB = UploadPolicy.MIB;

  /** 11 MiB goes up as create + 3 parts + complete. */
  private static final UploadPolicy SMALL_PARTS = new UploadPolicy(6 * MIB, 5 * MIB);

  private static S3LoopbackProxy proxy;
  private static S3Client client;

  private S3ObjectStore store;
  private String root;

  @BeforeAll
  static void start() {
    S3TestServer server = S3TestServer.shared();
    server.createBucket(BUCKET);
    proxy = S3LoopbackProxy.inFrontOf(server);
    // The production client configuration, so the SDK's own checksum defaults apply.
    client =
        S3Clients.build(
            proxy.s3Settings(),
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(server.accessKey(), server.secretKey())));
  }

  @AfterAll
  static void stop() {
    client.close();
    proxy.close();
  }

  @BeforeEach
  void openStore() {
    store = new S3ObjectStore(BUCKET, proxy.s3Settings(), client, SMALL_PARTS);
    root = "checksums-" + UUID.randomUUID() + "/";
    proxy.faults(FaultPlan.none());
    proxy.reset();
  }

  @Test
  void partsAndCompleteAgreeOnChecksums(@TempDir Path dir) throws Exception {
    byte[] content = randomBytes(11 * MIB + 123);
    Path file = Files.write(dir.resolve("big.avro"), content);

    String first = store.put(root + "first", file);
    String second = store.put(root + "second", file);

    assertPartsAndCompleteAgreeOnChecksums(root + "first", content);
    assertPartsAndCompleteAgreeOnChecksums(root + "second", content);
    assertThat(store.readAll(root + "first")).isEqualTo(content);
    assertThat(first).as("checksums must not change the deterministic ETag").isEqualTo(second);
    assertThat(first).endsWith("-3");
  }

  @Test
  void partsAndCompleteAgreeWhenAPartAndTheCompleteAreRetried(@TempDir Path dir) throws Exception {
    byte[] content = randomBytes(11 * MIB + 5);
    Path file = Files.write(dir.resolve("big.avro"), content);
    proxy.faults(
        FaultPlan.none()
            .always(once(r -> r.method().equals("PUT") && isPart(r, 2)), Fault.INTERNAL_ERROR)
            .always(
                once(r -> r.method().equals("POST") && r.query().has("uploadId")),
                Fault.CONNECTION_RESET));

    store.put(root + "retried", file);

    assertThat(proxy.traffic().faultCount(Fault.INTERNAL_ERROR)).isEqualTo(1);
    assertThat(proxy.traffic().faultCount(Fault.CONNECTION_RESET)).isEqualTo(1);
    assertPartsAndCompleteAgreeOnChecksums(root + "retried", content);
    assertThat(store.readAll(root + "retried")).isEqualTo(content);
  }

  /**
   * Either no part carries a checksum and the Complete lists none, or every part carries the same
   * algorithm, once, and the Complete lists that algorithm's value for every part.
   */
  private static void assertPartsAndCompleteAgreeOnChecksums(String key, byte[] content) {
    MultipartTraffic traffic = MultipartTraffic.of(proxy.requests(), key);
    int partCount = (int) ((content.length + SMALL_PARTS.partSize() - 1) / SMALL_PARTS.partSize());
    assertThat(traffic.parts().keySet())
        .as("parts of %s", key)
        .hasSize(partCount)
        .isEqualTo(traffic.listed().keySet());
    if (traffic.partAlgorithms().isEmpty()) {
      assertThat(traffic.listed())
          .as("no part of %s carried a checksum, so the Complete must list none", key)
          .allSatisfy((part, listed) -> assertThat(listed).isEmpty());
      return;
    }
    assertThat(traffic.partAlgorithms())
        .as("checksum algorithms of the parts of %s", key)
        .hasSize(1);
    String algorithm = traffic.partAlgorithms().iterator().next();
    assertThat(traffic.parts())
        .as("parts of %s that carry a %s checksum", key, algorithm)
        .allSatisfy((part, sent) -> assertThat(sent.carriesChecksum()).isTrue());
    assertThat(traffic.parts())
        .as("parts of %s that send their checksum once, as a header or as a trailer", key)
        .allSatisfy((part, sent) -> assertThat(sent.sentTwice()).isEmpty());
    traffic
        .listed()
        .forEach((part, listed) -> assertListed(traffic, key, part, algorithm, content));
  }

  /**
   * The Complete lists {@code algorithm} for {@code part}, with the value the part sent when it
   * sent it as a header; a CRC32 must be the CRC32 of the part's bytes.
   */
  private static void assertListed(
      MultipartTraffic traffic, String key, int part, String algorithm, byte[] content) {
    Map<String, String> listed = traffic.listed().get(part);
    assertThat(listed)
        .as(
            "checksums the CompleteMultipartUpload of %s lists for part %d, whose UploadPart"
                + " carried %s (S3 refuses a Complete without them)",
            key, part, algorithm)
        .containsKey(algorithm);
    String sentAsHeader = traffic.parts().get(part).values().get(algorithm);
    if (sentAsHeader != null) {
      assertThat(listed.get(algorithm)).as("part %d of %s", part, key).isEqualTo(sentAsHeader);
    }
    if (algorithm.equals("CRC32")) {
      assertThat(listed.get(algorithm))
          .as("CRC32 listed for part %d of %s", part, key)
          .isEqualTo(crc32OfPart(content, part));
    }
  }

  private static boolean isPart(ProxiedRequest r, int partNumber) {
    return r.query().value("partNumber").equals(String.valueOf(partNumber));
  }

  /** Matches the first request that {@code matches}, then nothing. */
  private static Predicate<ProxiedRequest> once(Predicate<ProxiedRequest> matches) {
    AtomicBoolean fired = new AtomicBoolean();
    return r -> matches.test(r) && fired.compareAndSet(false, true);
  }

  /** S3's form: the big-endian CRC32 of the part's bytes, base64. */
  private static String crc32OfPart(byte[] content, int partNumber) {
    long partSize = SMALL_PARTS.partSize();
    int offset = (int) ((partNumber - 1) * partSize);
    CRC32 crc = new CRC32();
    crc.update(content, offset, (int) Math.min(partSize, content.length - offset));
    return Base64.getEncoder()
        .encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  private static byte[] randomBytes(long size) {
    byte[] bytes = new byte[(int) size];
    new Random(11).nextBytes(bytes);
    return bytes;
  }
}
