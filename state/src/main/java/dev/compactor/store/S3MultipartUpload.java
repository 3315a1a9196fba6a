package dev.compactor.store;

import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.zip.CRC32;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ChecksumAlgorithm;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.ServerSideEncryption;

/**
 * Uploads one file in fixed-size parts and completes it, or aborts the upload when anything fails
 * so no orphaned parts keep costing storage. Parts stream from the file (re-opened for each retry
 * attempt), so memory use does not grow with the part size.
 *
 * <p>The upload chooses its checksum itself rather than leave it to the SDK on the classpath (on
 * EMR that is the release's SDK, not ours): it is created with CRC32, each part sends the CRC32 of
 * its bytes, computed here before the part goes out, and the Complete lists that same value for
 * every part. SDK 2.30 and later add a CRC32 to every part by default but leave the Complete
 * without it, which S3 refuses (aws-sdk-java-v2 issue 6518); 2.29 adds none. Turning the default
 * off instead needs {@code requestChecksumCalculation}, which 2.29 does not have. Given the value,
 * SDK 2.29 and 2.41 alike send it as one header and compute nothing of their own, so both put the
 * same requests on the wire, and the Complete does not depend on what the server echoes. The
 * checksum is not part of the ETag (still the MD5 of the parts' MD5s), so fixed parts keep their
 * deterministic ETags. The price is reading each part twice from local disk.
 */
final class S3MultipartUpload {

  private final S3Client s3;
  private final String bucket;
  private final String key;

  S3MultipartUpload(S3Client s3, String bucket, String key) {
    this.s3 = s3;
    this.bucket = bucket;
    this.key = key;
  }

  /**
   * Uploads {@code file} ({@code size} bytes) in parts of {@code partSize}; returns the quoted
   * ETag.
   */
  String upload(Path file, long size, long partSize, String kmsKeyId) {
    CreateMultipartUploadRequest.Builder create =
        CreateMultipartUploadRequest.builder()
            .bucket(bucket)
            .key(key)
            .checksumAlgorithm(ChecksumAlgorithm.CRC32);
    if (!kmsKeyId.isEmpty()) {
      create.serverSideEncryption(ServerSideEncryption.AWS_KMS).ssekmsKeyId(kmsKeyId);
    }
    String uploadId = s3.createMultipartUpload(create.build()).uploadId();
    try {
      List<CompletedPart> parts = new ArrayList<>();
      int partNumber = 1;
      for (long offset = 0; offset < size; offset += partSize, partNumber++) {
        parts.add(
            uploadPart(uploadId, partNumber, file, offset, Math.min(partSize, size - offset)));
      }
      return s3.completeMultipartUpload(
              r ->
                  r.bucket(bucket).key(key).uploadId(uploadId).multipartUpload(u -> u.parts(parts)))
          .eTag();
    } catch (RuntimeException | Error e) {
      abort(uploadId, e);
      throw e;
    }
  }

  private CompletedPart uploadPart(
      String uploadId, int partNumber, Path file, long offset, long length) {
    RequestBody body =
        RequestBody.fromContentProvider(
            () -> openRange(file, offset, length), length, "application/octet-stream");
    String crc32 = crc32(file, offset, length);
    String etag =
        s3.uploadPart(
                r ->
                    r.bucket(bucket)
                        .key(key)
                        .uploadId(uploadId)
                        .partNumber(partNumber)
                        .contentLength(length)
                        // The value alone: with checksumAlgorithm too, SDK 2.29 and 2.41 both
                        // also announce an x-amz-trailer for the same checksum.
                        .checksumCRC32(crc32),
                body)
            .eTag();
    return CompletedPart.builder().partNumber(partNumber).eTag(etag).checksumCRC32(crc32).build();
  }

  /** S3's form of a CRC32: the big-endian 4 bytes, base64. */
  private static String crc32(Path file, long offset, long length) {
    CRC32 crc = new CRC32();
    byte[] buffer = new byte[64 * 1024];
    try (InputStream in = openRange(file, offset, length)) {
      int n;
      while ((n = in.read(buffer)) != -1) {
        crc.update(buffer, 0, n);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + " at offset " + offset, e);
    }
    return Base64.getEncoder()
        .encodeToString(ByteBuffer.allocate(Integer.BYTES).putInt((int) crc.getValue()).array());
  }

  private void abort(String uploadId, Throwable failure) {
    try {
      s3.abortMultipartUpload(r -> r.bucket(bucket).key(key).uploadId(uploadId));
    } catch (RuntimeException abortFailure) {
      // The caller must see the upload's failure; a failed abort rides along with it.
      failure.addSuppressed(abortFailure);
    }
  }

  private static InputStream openRange(Path file, long offset, long length) {
    try {
      InputStream in = Files.newInputStream(file);
      in.skipNBytes(offset);
      return new RangeInputStream(in, length);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read " + file + " at offset " + offset, e);
    }
  }

  /** Ends after {@code remaining} bytes of the underlying stream. */
  private static final class RangeInputStream extends FilterInputStream {
    private long remaining;

    RangeInputStream(InputStream in, long length) {
      super(in);
      this.remaining = length;
    }

    @Override
    public int read() throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int b = in.read();
      if (b >= 0) {
        remaining--;
      }
      return b;
    }

    @Override
    public int read(byte[] buffer, int off, int len) throws IOException {
      if (remaining <= 0) {
        return -1;
      }
      int n = in.read(buffer, off, (int) Math.min(len, remaining));
      if (n > 0) {
        remaining -= n;
      }
      return n;
    }

    @Override
    public long skip(long n) throws IOException {
      long skipped = in.skip(Math.min(n, remaining));
      remaining -= skipped;
      return skipped;
    }

    @Override
    public int available() throws IOException {
      return (int) Math.min(in.available(), remaining);
    }

    @Override
    public boolean markSupported() {
      return false;
    }
  }
}
