package dev.compactor.store;

import dev.compactor.config.S3Settings;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.HeadObjectResponse;
import software.amazon.awssdk.services.s3.model.PutObjectRequest;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * {@link ObjectStore} on one S3 bucket (or an S3-compatible server), on the AWS SDK v2.
 *
 * <p>Credentials come from the AWS default chain only. Stores are cheap: they share one client per
 * connection setting for the whole JVM (see {@link S3Clients}), and {@link #close()} leaves it
 * open. Files over 64 MiB go up as multipart uploads with fixed 32 MiB parts, so identical bytes
 * always get identical ETags. With an SSE-KMS key configured, every write is encrypted with it, and
 * ETags are then opaque rather than MD5s.
 *
 * <p>The SDK retries failed attempts. A conditional write whose response was lost is retried too
 * and then fails its own precondition: {@link PreconditionFailedException} can mean that this very
 * call won, so callers that must know read the object back and compare.
 */
public final class S3ObjectStore implements ObjectStore {

  /** S3's limit on the parts of one multipart upload. */
  private static final long MAX_PARTS = 10_000;

  private final String bucket;
  private final S3Client s3;
  private final String kmsKeyId;
  private final UploadPolicy uploads;

  /** A store on {@code bucket} using the JVM-wide client for {@code settings}. */
  public S3ObjectStore(String bucket, S3Settings settings) {
    this(bucket, settings, S3Clients.shared(settings), UploadPolicy.DEFAULT);
  }

  /** A store on a client the caller owns (and closes), with its own upload sizes; for tests. */
  S3ObjectStore(String bucket, S3Settings settings, S3Client s3, UploadPolicy uploads) {
    if (bucket == null || bucket.isBlank()) {
      throw new IllegalArgumentException("S3 bucket name is empty");
    }
    this.bucket = bucket;
    this.s3 = s3;
    this.kmsKeyId = settings.sseKmsKeyId() == null ? "" : settings.sseKmsKeyId().trim();
    this.uploads = uploads;
  }

  @Override
  public List<ObjectInfo> list(String prefix) {
    try {
      List<ObjectInfo> objects = new ArrayList<>();
      // The paginator requests page after page, following continuation tokens.
      for (S3Object o :
          s3.listObjectsV2Paginator(r -> r.bucket(bucket).prefix(prefix)).contents()) {
        objects.add(new ObjectInfo(o.key(), o.size(), unquote(o.eTag()), o.lastModified()));
      }
      // AWS returns UTF-8 byte order already; some compatible servers do not.
      objects.sort(KeyOrder.OBJECTS);
      return objects;
    } catch (SdkException e) {
      throw S3Failures.translate(S3Action.LIST, bucket, prefix, kmsKeyId, e);
    }
  }

  @Override
  public Optional<ObjectInfo> head(String key) {
    try {
      HeadObjectResponse h = s3.headObject(r -> r.bucket(bucket).key(key));
      return Optional.of(
          new ObjectInfo(key, h.contentLength(), unquote(h.eTag()), h.lastModified()));
    } catch (S3Exception e) {
      if (S3Failures.isMissingObject(e)) {
        return Optional.empty();
      }
      throw S3Failures.translate(S3Action.READ, bucket, key, kmsKeyId, e);
    } catch (SdkException e) {
      throw S3Failures.translate(S3Action.READ, bucket, key, kmsKeyId, e);
    }
  }

  @Override
  public InputStream open(String key) {
    try {
      return s3.getObject(r -> r.bucket(bucket).key(key));
    } catch (SdkException e) {
      throw S3Failures.translate(S3Action.READ, bucket, key, kmsKeyId, e);
    }
  }

  /**
   * One GET the SDK retries as a whole: unlike {@link #open}, a connection dropped in the middle of
   * the body is retried instead of surfacing as a read error.
   */
  @Override
  public byte[] readAll(String key) {
    try {
      return s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray();
    } catch (SdkException e) {
      throw S3Failures.translate(S3Action.READ, bucket, key, kmsKeyId, e);
    }
  }

  @Override
  public Optional<byte[]> readIfExists(String key) {
    try {
      return Optional.of(s3.getObjectAsBytes(r -> r.bucket(bucket).key(key)).asByteArray());
    } catch (S3Exception e) {
      if (S3Failures.isMissingObject(e)) {
        return Optional.empty();
      }
      throw S3Failures.translate(S3Action.READ, bucket, key, kmsKeyId, e);
    } catch (SdkException e) {
      throw S3Failures.translate(S3Action.READ, bucket, key, kmsKeyId, e);
    }
  }

  @Override
  public String put(String key, Path file) {
    long size;
    try {
      size = Files.size(file);
    } catch (NoSuchFileException e) {
      throw new StoreException(
          "Cannot write " + uri(key) + ": " + file + ": no such file or directory", e);
    } catch (IOException e) {
      throw new StoreException("Cannot write " + uri(key) + ": " + file + ": " + e, e);
    }
    if (size > uploads.partSize() * MAX_PARTS) {
      throw new StoreException(
          String.format(
              "Cannot write %s: %s is %,d bytes, more than %,d parts of %,d bytes",
              uri(key), file, size, MAX_PARTS, uploads.partSize()));
    }
    try {
      if (size <= uploads.multipartThreshold()) {
        return putObject(S3Action.WRITE, key, RequestBody.fromFile(file), b -> {});
      }
      return unquote(
          new S3MultipartUpload(s3, bucket, key).upload(file, size, uploads.partSize(), kmsKeyId));
    } catch (UncheckedIOException e) {
      throw new StoreException("Cannot write " + uri(key) + ": " + e.getMessage(), e);
    } catch (SdkException e) {
      throw S3Failures.translate(S3Action.WRITE, bucket, key, kmsKeyId, e);
    }
  }

  @Override
  public String put(String key, byte[] bytes) {
    return putObject(S3Action.WRITE, key, RequestBody.fromBytes(bytes), b -> {});
  }

  @Override
  public String putIfAbsent(String key, byte[] bytes) {
    return putObject(
        S3Action.CREATE_IF_ABSENT, key, RequestBody.fromBytes(bytes), b -> b.ifNoneMatch("*"));
  }

  @Override
  public String putIfMatch(String key, byte[] bytes, String expectedEtag) {
    return putObject(
        S3Action.REPLACE_IF_MATCH,
        key,
        RequestBody.fromBytes(bytes),
        b -> b.ifMatch(quote(expectedEtag)));
  }

  @Override
  public void delete(String key) {
    try {
      // S3 answers 204 for a missing key too, which is the contract.
      s3.deleteObject(r -> r.bucket(bucket).key(key));
    } catch (SdkException e) {
      throw S3Failures.translate(S3Action.DELETE, bucket, key, kmsKeyId, e);
    }
  }

  @Override
  public String uri(String key) {
    return "s3a://" + bucket + "/" + key;
  }

  /** Leaves the shared client open: other stores and tasks in this JVM use it. */
  @Override
  public void close() {}

  private String putObject(
      S3Action action, String key, RequestBody body, Consumer<PutObjectRequest.Builder> condition) {
    PutObjectRequest.Builder request = PutObjectRequest.builder().bucket(bucket).key(key);
    if (!kmsKeyId.isEmpty()) {
      request.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(kmsKeyId);
    }
    condition.accept(request);
    try {
      return unquote(s3.putObject(request.build(), body).eTag());
    } catch (SdkException e) {
      throw S3Failures.translate(action, bucket, key, kmsKeyId, e);
    }
  }

  private static String quote(String etag) {
    return etag.startsWith("\"") ? etag : "\"" + etag + "\"";
  }

  /**
   * The ETag without its quotes; empty when the server sent none (S3 always does, some
   * S3-compatible stores do not for objects placed behind their back): an empty ETag never passes
   * for an MD5, so the object's MD5 is computed from its bytes.
   */
  private static String unquote(String etag) {
    if (etag == null) {
      return "";
    }
    if (etag.length() >= 2 && etag.startsWith("\"") && etag.endsWith("\"")) {
      return etag.substring(1, etag.length() - 1);
    }
    return etag;
  }
}
