package dev.compactor.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Random;
import java.util.UUID;
import org.assertj.core.groups.Tuple;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

class ITS3LoopbackProxy {

  private static final String BUCKET = "proxy-it";
  private static final String DENIED_BUCKET = "proxy-it-denied";
  private static final long MIB = UploadPolicy.MIB;

  /** 11 MiB goes up as create + 3 parts + complete. */
  private static final UploadPolicy SMALL_PARTS = new UploadPolicy(6 * MIB, 5 * MIB);

  private static S3TestServer server;
  private static S3LoopbackProxy proxy;
  private static S3Client client;

  private S3ObjectStore store;
  private String root;

  @BeforeAll
  static void start() {
    server = S3TestServer.shared();
    server.createBucket(BUCKET);
    server.createBucket(DENIED_BUCKET);
    proxy = S3LoopbackProxy.inFrontOf(server);
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
    root = "proxy-" + UUID.randomUUID() + "/";
    proxy.faults(FaultPlan.none());
    proxy.reset();
  }

  @AfterEach
  void clearFaults() {
    proxy.faults(FaultPlan.none());
    proxy.realEtags();
  }

  @Test
  void countsEveryOperationAndGetBytesExactly(@TempDir Path dir) throws Exception {
    byte[] small = "eleven bytes".getBytes(StandardCharsets.UTF_8);
    Path big = dir.resolve("big.bin");
    Files.write(big, randomBytes(11 * (int) MIB));

    store.put(root + "a", small);
    store.putIfAbsent(root + "b", small);
    store.put(root + "big", big);
    assertThat(store.list(root)).hasSize(3);
    assertThat(store.head(root + "a")).isPresent();
    assertThat(store.readIfExists(root + "a")).hasValue(small);
    try (InputStream in = store.open(root + "big")) {
      assertThat(in.readAllBytes()).isEqualTo(Files.readAllBytes(big));
    }
    store.delete(root + "a");

    ProxyTraffic traffic = proxy.traffic();
    assertThat(traffic.requestsInOrder())
        .containsEntry(S3Operation.PUT, 2L)
        .containsEntry(S3Operation.MULTIPART, 5L)
        .containsEntry(S3Operation.LIST, 1L)
        .containsEntry(S3Operation.HEAD, 1L)
        .containsEntry(S3Operation.GET, 2L)
        .containsEntry(S3Operation.DELETE, 1L)
        .containsEntry(S3Operation.OTHER, 0L);
    assertThat(traffic.getBodyBytes()).isEqualTo(small.length + Files.size(big));
    assertThat(traffic.totalFaults()).isZero();
  }

  @Test
  void recordsBucketKeyAndIamActionOfEachRequest() {
    store.put(root + "dir/x.avro", new byte[] {1});
    store.list(root + "dir/");
    store.readIfExists(root + "dir/x.avro");
    store.delete(root + "dir/x.avro");

    assertThat(proxy.requests())
        .extracting(
            ProxiedRequest::operation,
            ProxiedRequest::iamAction,
            ProxiedRequest::resourceArn,
            ProxiedRequest::listPrefix,
            ProxiedRequest::status)
        .containsExactly(
            tuple(S3Operation.PUT, "s3:PutObject", objectArn("dir/x.avro"), "", 200),
            tuple(S3Operation.LIST, "s3:ListBucket", "arn:aws:s3:::" + BUCKET, root + "dir/", 200),
            tuple(S3Operation.GET, "s3:GetObject", objectArn("dir/x.avro"), "", 200),
            tuple(S3Operation.DELETE, "s3:DeleteObject", objectArn("dir/x.avro"), "", 204));
  }

  @Test
  void injectsFaultsAtTheRateAskedAndTheSdkRetriesThroughThem(@TempDir Path dir) throws Exception {
    double rate = 0.2;
    proxy.faults(
        FaultPlan.none()
            .random(
                rate,
                42,
                List.of(Fault.values()).stream().filter(f -> f != Fault.ACCESS_DENIED).toList())
            .delay(Duration.ofMillis(20)));
    Path big = dir.resolve("big.bin");
    Files.write(big, randomBytes(11 * (int) MIB));

    for (int i = 0; i < 80; i++) {
      byte[] content = ("object " + i).getBytes(StandardCharsets.UTF_8);
      store.put(root + i, content);
      assertThat(store.readIfExists(root + i)).hasValue(content);
      assertThat(store.head(root + i)).isPresent();
    }
    store.put(root + "big", big);
    assertThat(store.readIfExists(root + "big")).hasValue(Files.readAllBytes(big));
    assertThat(store.list(root)).hasSize(81);

    ProxyTraffic traffic = proxy.traffic();
    double observed = (double) traffic.totalFaults() / traffic.totalRequests();
    assertThat(traffic.totalRequests()).isGreaterThan(250);
    // Binomial with n > 250 and p = 0.2: four standard deviations are under 0.1.
    assertThat(observed).isBetween(rate - 0.1, rate + 0.1);
    assertThat(traffic.faults().keySet())
        .containsExactlyInAnyOrder(
            Fault.SLOW_DOWN,
            Fault.INTERNAL_ERROR,
            Fault.CONNECTION_RESET,
            Fault.RESPONSE_CUT,
            Fault.DELAY);
  }

  @Test
  void deniesEveryPutToOneBucketWithAnS3AccessDenied() {
    proxy.faults(FaultPlan.none().deny("s3:PutObject", DENIED_BUCKET));
    S3ObjectStore denied =
        new S3ObjectStore(DENIED_BUCKET, proxy.s3Settings(), client, SMALL_PARTS);

    assertThatThrownBy(() -> denied.put(root + "x", new byte[] {1}))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessageContaining("s3a://" + DENIED_BUCKET + "/" + root + "x")
        .hasMessageContaining("s3:PutObject")
        .hasMessageContaining("403 AccessDenied");
    assertThat(denied.list(root)).isEmpty();
    store.put(root + "x", new byte[] {1});
    assertThat(proxy.traffic().faultCount(Fault.ACCESS_DENIED)).isEqualTo(1);
  }

  @Test
  void kmsEtagsAreNotTheMd5AreStableAndChangeWithTheContentUnderThePrefixOnly(@TempDir Path dir)
      throws Exception {
    byte[] content = "encrypted, as S3 sees it".getBytes(StandardCharsets.UTF_8);
    String md5 = store.put(root + "kms/a.avro", content);
    store.put(root + "plain/b.avro", content);
    Path big = dir.resolve("big.bin");
    Files.write(big, randomBytes(11 * (int) MIB));
    store.put(root + "kms/multipart.bin", big);
    proxy.kmsEtags(BUCKET, root + "kms/");

    String kms = KmsEtags.kmsEtag(md5);
    assertThat(kms).matches("[0-9a-f]{32}").isNotEqualTo(md5);
    assertThat(store.list(root))
        .extracting(ObjectInfo::key, ObjectInfo::etag)
        .contains(tuple(root + "kms/a.avro", kms), tuple(root + "plain/b.avro", md5));
    assertThat(store.list(root).get(1).etag()).as("multipart ETag").endsWith("-3");
    assertThat(store.head(root + "kms/a.avro")).get().extracting(ObjectInfo::etag).isEqualTo(kms);
    assertThat(store.head(root + "plain/b.avro")).get().extracting(ObjectInfo::etag).isEqualTo(md5);
    var get = client.getObjectAsBytes(r -> r.bucket(BUCKET).key(root + "kms/a.avro"));
    assertThat(get.asByteArray()).isEqualTo(content);
    assertThat(get.response().eTag()).isEqualTo("\"" + kms + "\"");
    assertThat(get.response().serverSideEncryptionAsString()).isEqualTo("aws:kms");

    store.put(root + "kms/a.avro", "changed".getBytes(StandardCharsets.UTF_8));
    String changed = store.head(root + "kms/a.avro").orElseThrow().etag();
    assertThat(changed).matches("[0-9a-f]{32}").isNotEqualTo(kms);
    assertThat(store.list(root + "kms/a"))
        .singleElement()
        .extracting(ObjectInfo::etag)
        .isEqualTo(changed);

    proxy.realEtags();
    assertThat(store.head(root + "kms/a.avro").orElseThrow().etag())
        .isEqualTo(md5("changed".getBytes(StandardCharsets.UTF_8)));
  }

  private static String md5(byte[] bytes) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(bytes));
  }

  private static Tuple tuple(Object... values) {
    return Tuple.tuple(values);
  }

  private String objectArn(String relativeKey) {
    return "arn:aws:s3:::" + BUCKET + "/" + root + relativeKey;
  }

  private static byte[] randomBytes(int size) {
    byte[] bytes = new byte[size];
    new Random(7).nextBytes(bytes);
    return bytes;
  }
}
