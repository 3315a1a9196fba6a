package dev.compactor.store;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.compactor.config.S3Settings;
import dev.compactor.domain.InputFile;
import dev.compactor.scan.Md5Resolver;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.stream.IntStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.services.s3.S3Client;

class ITS3ObjectStore extends ObjectStoreContract {

  private static final String BUCKET = "compactor-it";
  private static final long MIB = UploadPolicy.MIB;

  /** Small enough that a test file goes up in parts; parts of the S3 minimum size. */
  private static final UploadPolicy SMALL_PARTS = new UploadPolicy(6 * MIB, 5 * MIB);

  private static S3TestServer server;

  private S3ObjectStore store;
  private String root;

  @BeforeAll
  static void startServer() {
    server = S3TestServer.shared();
    server.createBucket(BUCKET);
  }

  @BeforeEach
  void openStore() {
    // The public constructor: the shared client, credentials from the default chain.
    store = new S3ObjectStore(BUCKET, server.s3Settings());
    root = "it-" + UUID.randomUUID();
  }

  @Override
  protected ObjectStore store() {
    return store;
  }

  @Override
  protected String root() {
    return root;
  }

  @Test
  void uriIsTheS3aUri() {
    assertThat(store.uri("a/b.avro")).isEqualTo("s3a://compactor-it/a/b.avro");
  }

  @Test
  void etagOfASinglePartPutIsTheHexMd5() throws Exception {
    byte[] content = bytes("the content");

    String etag = store.put(key("md5"), content);

    assertThat(etag).isEqualTo(md5Hex(content));
    assertThat(store.list(key("md5")))
        .extracting(ObjectInfo::etag)
        .containsExactly(md5Hex(content));
  }

  @Test
  void anObjectListedWithoutAnEtagHasAnEmptyOneAndItsMd5IsComputed() throws Exception {
    byte[] content = bytes("placed behind the server's back");
    String key = key("no-etag/file.avro");
    server.plantWithoutEtag(BUCKET, key, content);

    List<ObjectInfo> listed = store.list(key);

    assertThat(listed).extracting(ObjectInfo::etag).containsExactly("");
    assertThat(store.head(key)).hasValueSatisfying(o -> assertThat(o.etag()).isEmpty());
    InputFile resolved = new Md5Resolver(store, true, Map.of()).resolve(listed.get(0));
    assertThat(resolved.md5()).isEqualTo(md5Hex(content));
  }

  @Test
  void listFollowsContinuationPastOneThousandKeys() throws Exception {
    List<String> keys =
        IntStream.range(0, 1_050).mapToObj(i -> key(String.format("many/%05d", i))).toList();
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      List<Future<String>> puts = new ArrayList<>();
      for (String k : keys) {
        puts.add(pool.submit(() -> store.put(k, bytes("x"))));
      }
      for (Future<String> put : puts) {
        put.get();
      }
    } finally {
      pool.shutdownNow();
    }

    assertThat(
            server.admin().listObjectsV2(r -> r.bucket(BUCKET).prefix(key("many/"))).isTruncated())
        .as("one page holds at most 1,000 keys, so the store must follow continuation tokens")
        .isTrue();
    assertThat(store.list(key("many/")))
        .extracting(ObjectInfo::key)
        .containsExactlyElementsOf(keys);
  }

  @Test
  void aFileOverTheThresholdGoesUpInFixedPartsWithAReproducibleEtag() throws Exception {
    byte[] content = randomBytes(11 * MIB + 123);
    Path file = Files.write(scratch.resolve("big.avro"), content);
    S3ObjectStore smallParts =
        new S3ObjectStore(BUCKET, server.s3Settings(), server.admin(), SMALL_PARTS);

    String first = smallParts.put(key("big-1"), file);
    String second = smallParts.put(key("big-2"), file);

    assertThat(first).isEqualTo(second).isEqualTo(multipartEtag(content, 5 * MIB));
    assertThat(first).endsWith("-3");
    assertThat(store.head(key("big-1")).orElseThrow().size()).isEqualTo(content.length);
    assertThat(store.readAll(key("big-2"))).isEqualTo(content);
  }

  @Test
  void aFileUpToTheThresholdGoesUpInOnePut() throws Exception {
    byte[] content = randomBytes(6 * MIB);
    Path file = Files.write(scratch.resolve("edge.avro"), content);
    S3ObjectStore smallParts =
        new S3ObjectStore(BUCKET, server.s3Settings(), server.admin(), SMALL_PARTS);

    assertThat(smallParts.put(key("edge"), file)).isEqualTo(md5Hex(content));
  }

  @Test
  void aWrongSecretIsAccessDeniedNamingTheObjectAndThePermission() {
    S3Settings settings = server.s3Settings();
    try (S3Client wrong =
        S3Clients.build(
            settings,
            StaticCredentialsProvider.create(
                AwsBasicCredentials.create(server.accessKey(), "wrong-secret")))) {
      S3ObjectStore denied = new S3ObjectStore(BUCKET, settings, wrong, UploadPolicy.DEFAULT);

      assertThatThrownBy(() -> denied.put(key("p"), bytes("x")))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessageStartingWith(
              "Access denied: cannot write s3a://compactor-it/"
                  + key("p")
                  + ". The credentials from the AWS default chain need s3:PutObject on"
                  + " arn:aws:s3:::compactor-it/"
                  + key("p"))
          .hasMessageContaining("The secret key does not match the access key");
      assertThatThrownBy(() -> denied.list(key("")))
          .isInstanceOf(AccessDeniedException.class)
          .hasMessageContaining("need s3:ListBucket on arn:aws:s3:::compactor-it.");
    }
  }

  @Test
  void aMissingBucketIsAStoreErrorNamingTheObjectNotAMissingObject() {
    S3ObjectStore nowhere = new S3ObjectStore("no-such-bucket", server.s3Settings());

    assertThatThrownBy(() -> nowhere.put("k", bytes("x")))
        .isExactlyInstanceOf(StoreException.class)
        .hasMessageStartingWith("Cannot write s3a://no-such-bucket/k: 404 NoSuchBucket");
    assertThatThrownBy(() -> nowhere.open("k"))
        .isExactlyInstanceOf(StoreException.class)
        .hasMessageStartingWith("Cannot read s3a://no-such-bucket/k: 404 NoSuchBucket");
  }

  @Test
  void storesShareOneClientPerSettingAndCloseLeavesItOpen() {
    S3ObjectStore other = new S3ObjectStore(BUCKET, server.s3Settings());
    other.close();

    assertThat(S3Clients.shared(server.s3Settings()))
        .isSameAs(S3Clients.shared(server.s3Settings()));
    assertThat(store.put(key("after-close"), bytes("still works"))).isNotEmpty();
  }

  private static byte[] randomBytes(long size) {
    byte[] bytes = new byte[(int) size];
    new Random(42).nextBytes(bytes);
    return bytes;
  }

  private static String md5Hex(byte[] content) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("MD5").digest(content));
  }

  /** S3's multipart ETag: the MD5 of the concatenated part MD5s, then the part count. */
  private static String multipartEtag(byte[] content, long partSize) throws Exception {
    ByteArrayOutputStream digests = new ByteArrayOutputStream();
    int parts = 0;
    for (int offset = 0; offset < content.length; offset += (int) partSize, parts++) {
      int length = (int) Math.min(partSize, content.length - offset);
      MessageDigest md5 = MessageDigest.getInstance("MD5");
      md5.update(content, offset, length);
      digests.write(md5.digest());
    }
    return md5Hex(digests.toByteArray()) + "-" + parts;
  }
}
