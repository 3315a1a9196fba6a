package dev.compactor.config;

import java.io.Serializable;

/**
 * How to reach S3. Credentials are never configured here: the AWS default credential chain
 * (environment, profile, container or instance role) supplies them.
 *
 * @param endpoint endpoint override for S3-compatible servers, or empty for AWS
 * @param pathStyle path-style addressing ({@code http://host/bucket/key}), needed by most local
 *     servers
 * @param region signing region
 * @param etagIsMd5 take a 32-hex ETag for the content MD5 until a read proves otherwise (SSE-KMS,
 *     SSE-C); false computes every unknown MD5 while planning, reading each new file once more
 * @param sseKmsKeyId KMS key for output objects, or empty for the bucket's default encryption
 */
public record S3Settings(
    String endpoint, boolean pathStyle, String region, boolean etagIsMd5, String sseKmsKeyId)
    implements Serializable {

  public boolean hasEndpoint() {
    return endpoint != null && !endpoint.isBlank();
  }
}
