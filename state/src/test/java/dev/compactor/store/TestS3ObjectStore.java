package dev.compactor.store;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.tuple;

import dev.compactor.config.S3Settings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Random;
import java.util.zip.CRC32;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.awscore.exception.AwsErrorDetails;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CompleteMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.PutObjectResponse;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.UploadPartRequest;
import software.amazon.awssdk.services.s3.model.UploadPartResponse;

/** What S3ObjectStore sends and how it maps failures, against a scripted client (no server). */
class TestS3ObjectStore {

  private static final long MIB = UploadPolicy.MIB;
  private static final S3Settings KMS = new S3Settings("", false, "us-east-1", false, "key-1");
  private static final S3Settings PLAIN = new S3Settings("", false, "us-east-1", true, "");

  @TempDir Path dir;

  @Test
  void aFailedPartAbortsTheUploadAndNamesTheObject() throws Exception {
    ScriptedS3 s3 = new ScriptedS3();
    s3.failPart = 2;
    Path file = Files.write(dir.resolve("big"), new byte[(int) (11 * MIB)]);
    S3ObjectStore store = new S3ObjectStore("b", PLAIN, s3, new UploadPolicy(6 * MIB, 5 * MIB));

    assertThatThrownBy(() -> store.put("out/big.avro", file))
        .isExactlyInstanceOf(StoreException.class)
        .hasMessage("Cannot write s3a://b/out/big.avro: 500 InternalError: boom (request id r-1)");
    assertThat(s3.aborted).containsExactly("upload-1");
  }

  @Test
  void partsHaveTheFixedSizeAndCarryTheRightBytes() throws Exception {
    ScriptedS3 s3 = new ScriptedS3();
    byte[] content = new byte[(int) (11 * MIB + 7)];
    Arrays.fill(content, (int) (5 * MIB), (int) (10 * MIB), (byte) 1);
    Arrays.fill(content, (int) (10 * MIB), content.length, (byte) 2);
    Path file = Files.write(dir.resolve("big"), content);

    new S3ObjectStore("b", KMS, s3, new UploadPolicy(6 * MIB, 5 * MIB)).put("k", file);

    assertThat(s3.partSizes).containsExactly(5 * MIB, 5 * MIB, MIB + 7);
    assertThat(s3.partFirstBytes).containsExactly((byte) 0, (byte) 1, (byte) 2);
    assertThat(s3.createRequests)
        .singleElement()
        .satisfies(r -> assertThat(r.ssekmsKeyId()).isEqualTo("key-1"));
    assertThat(s3.aborted).isEmpty();
  }

  @Test
  void eachPartSendsTheCrc32OfItsBytesAndTheCompleteListsIt() throws Exception {
    ScriptedS3 s3 = new ScriptedS3();
    byte[] content = new byte[(int) (11 * MIB + 7)];
    new Random(3).nextBytes(content);
    Path file = Files.write(dir.resolve("big"), content);

    new S3ObjectStore("b", PLAIN, s3, new UploadPolicy(6 * MIB, 5 * MIB)).put("k", file);

    // The scripted parts echo no checksum: the Complete must not depend on the server's answer.
    List<String> expected =
        List.of(
            crc32(content, 0, 5 * MIB),
            crc32(content, 5 * MIB, 5 * MIB),
            crc32(content, 10 * MIB, MIB + 7));
    assertThat(s3.createRequests)
        .singleElement()
        .satisfies(r -> assertThat(r.checksumAlgorithm()).isEqualTo(ChecksumAlgorithm.CRC32));
    assertThat(s3.partChecksums).containsExactlyElementsOf(expected);
    assertThat(s3.completed)
        .singleElement()
        .satisfies(
            r ->
                assertThat(r.multipartUpload().parts())
                    .extracting(CompletedPart::partNumber, CompletedPart::checksumCRC32)
                    .containsExactly(
                        tuple(1, expected.get(0)),
                        tuple(2, expected.get(1)),
                        tuple(3, expected.get(2))));
  }

  @Test
  void writesUseTheKmsKeyWhenOneIsConfigured() {
    ScriptedS3 s3 = new ScriptedS3();

    new S3ObjectStore("b", KMS, s3, UploadPolicy.DEFAULT).putIfAbsent("k", "x".getBytes(UTF_8));

    PutObjectRequest put = s3.putRequests.get(0);
    assertThat(put.serverSideEncryptionAsString()).isEqualTo("aws:kms");
    assertThat(put.ssekmsKeyId()).isEqualTo("key-1");
    assertThat(put.ifNoneMatch()).isEqualTo("*");
  }

  @Test
  void putIfMatchSendsTheQuotedEtag() {
    ScriptedS3 s3 = new ScriptedS3();

    String etag =
        new S3ObjectStore("b", PLAIN, s3, UploadPolicy.DEFAULT).putIfMatch("k", new byte[1], "abc");

    assertThat(s3.putRequests.get(0).ifMatch()).isEqualTo("\"abc\"");
    assertThat(etag).isEqualTo("etag-put");
  }

  @Test
  void aConcurrentConditionalWriteConflictIsAFailedPrecondition() {
    ScriptedS3 s3 = new ScriptedS3();
    s3.putFailure = error(409, "ConditionalRequestConflict");
    S3ObjectStore store = new S3ObjectStore("b", PLAIN, s3, UploadPolicy.DEFAULT);

    assertThatThrownBy(() -> store.putIfAbsent("k", new byte[1]))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessage("Cannot create s3a://b/k: an object already exists there (If-None-Match: *)");
  }

  @Test
  void accessDeniedNamesThePermissionAndTheKmsKey() {
    ScriptedS3 s3 = new ScriptedS3();
    s3.putFailure = error(403, "AccessDenied");
    S3ObjectStore store = new S3ObjectStore("b", KMS, s3, UploadPolicy.DEFAULT);

    assertThatThrownBy(() -> store.put("out/f.avro", new byte[1]))
        .isInstanceOf(AccessDeniedException.class)
        .hasMessage(
            "Access denied: cannot write s3a://b/out/f.avro. The credentials from the AWS default"
                + " chain need s3:PutObject on arn:aws:s3:::b/out/f.avro and kms:GenerateDataKey,"
                + " kms:Decrypt on KMS key key-1. S3 said: 403 AccessDenied: boom (request id"
                + " r-1). Fix: grant it to the role the job runs as (submit/iam/job-policy.json,"
                + " rendered by submit/iam/render.sh, lists everything the job needs) and rerun.");
  }

  @Test
  void aMissingObjectUnderIfMatchIsAFailedPrecondition() {
    ScriptedS3 s3 = new ScriptedS3();
    s3.putFailure = error(404, "NoSuchKey");
    S3ObjectStore store = new S3ObjectStore("b", PLAIN, s3, UploadPolicy.DEFAULT);

    assertThatThrownBy(() -> store.putIfMatch("k", new byte[1], "e"))
        .isInstanceOf(PreconditionFailedException.class)
        .hasMessage(
            "Cannot replace s3a://b/k: it changed or was deleted since its ETag was read"
                + " (If-Match)");
  }

  /** S3's form of a CRC32: the big-endian 4 bytes, base64. */
  private static String crc32(byte[] content, long offset, long length) {
    CRC32 crc = new CRC32();
    crc.update(content, (int) offset, (int) length);
    return Base64.getEncoder()
        .encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
  }

  private static S3Exception error(int status, String code) {
    return (S3Exception)
        S3Exception.builder()
            .statusCode(status)
            .requestId("r-1")
            .awsErrorDetails(AwsErrorDetails.builder().errorCode(code).errorMessage("boom").build())
            .build();
  }

  /** Records requests and answers like S3, failing where told to. */
  private static final class ScriptedS3 implements S3Client {
    final List<PutObjectRequest> putRequests = new ArrayList<>();
    final List<CreateMultipartUploadRequest> createRequests = new ArrayList<>();
    final List<Long> partSizes = new ArrayList<>();
    final List<Byte> partFirstBytes = new ArrayList<>();
    final List<String> partChecksums = new ArrayList<>();
    final List<CompleteMultipartUploadRequest> completed = new ArrayList<>();
    final List<String> aborted = new ArrayList<>();
    S3Exception putFailure;
    int failPart;

    @Override
    public PutObjectResponse putObject(PutObjectRequest request, RequestBody body) {
      putRequests.add(request);
      if (putFailure != null) {
        throw putFailure;
      }
      return PutObjectResponse.builder().eTag("\"etag-put\"").build();
    }

    @Override
    public CreateMultipartUploadResponse createMultipartUpload(
        CreateMultipartUploadRequest request) {
      createRequests.add(request);
      return CreateMultipartUploadResponse.builder()
          .uploadId("upload-" + createRequests.size())
          .build();
    }

    @Override
    public UploadPartResponse uploadPart(UploadPartRequest request, RequestBody body) {
      if (request.partNumber() == failPart) {
        throw error(500, "InternalError");
      }
      partChecksums.add(request.checksumCRC32());
      try (InputStream in = body.contentStreamProvider().newStream()) {
        byte[] bytes = in.readAllBytes();
        partSizes.add((long) bytes.length);
        partFirstBytes.add(bytes[0]);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
      return UploadPartResponse.builder().eTag("\"part-" + request.partNumber() + "\"").build();
    }

    @Override
    public CompleteMultipartUploadResponse completeMultipartUpload(
        CompleteMultipartUploadRequest request) {
      completed.add(request);
      return CompleteMultipartUploadResponse.builder().eTag("\"etag-multipart\"").build();
    }

    @Override
    public AbortMultipartUploadResponse abortMultipartUpload(AbortMultipartUploadRequest request) {
      aborted.add(request.uploadId());
      return AbortMultipartUploadResponse.builder().build();
    }

    @Override
    public String serviceName() {
      return "s3";
    }

    @Override
    public void close() {}
  }
}
