package dev.compactor.store;

import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Maps SDK failures to the store's exception types, in one place, with messages that name the
 * object and the fix. The SDK has already retried what is retryable by the time a failure gets
 * here.
 */
final class S3Failures {

  private S3Failures() {}

  /**
   * The store exception for a failed call.
   *
   * @param kmsKeyId the KMS key writes use, or empty; named in access-denied messages for writes
   */
  static StoreException translate(
      S3Action action, String bucket, String key, String kmsKeyId, SdkException e) {
    String uri = "s3a://" + bucket + "/" + key;
    if (!(e instanceof S3Exception s3)) {
      return new StoreException("Cannot " + action.verb + " " + uri + ": " + e.getMessage(), e);
    }
    int status = s3.statusCode();
    String code = errorCode(s3);
    if (status == 403) {
      return accessDenied(action, bucket, key, kmsKeyId, s3);
    }
    if (action == S3Action.CREATE_IF_ABSENT && isPreconditionFailure(status, code)) {
      return new PreconditionFailedException(
          "Cannot create " + uri + ": an object already exists there (If-None-Match: *)", e);
    }
    if (action == S3Action.REPLACE_IF_MATCH
        && (isPreconditionFailure(status, code) || isMissingObject(status, code))) {
      return new PreconditionFailedException(
          "Cannot replace "
              + uri
              + ": it changed or was deleted since its ETag was read (If-Match)",
          e);
    }
    if (action == S3Action.READ && isMissingObject(status, code)) {
      return new NoSuchObjectException("Cannot read " + uri + ": no such object", e);
    }
    return new StoreException("Cannot " + action.verb + " " + uri + ": " + said(s3), e);
  }

  /** True for a 404 that means the object (not the bucket) is missing. */
  static boolean isMissingObject(S3Exception e) {
    return isMissingObject(e.statusCode(), errorCode(e));
  }

  private static boolean isMissingObject(int status, String code) {
    return status == 404 && !"NoSuchBucket".equals(code);
  }

  /**
   * 412, or 409 when S3 saw a concurrent conditional write to the same key (retry-able by the
   * caller).
   */
  private static boolean isPreconditionFailure(int status, String code) {
    return status == 412 || (status == 409 && "ConditionalRequestConflict".equals(code));
  }

  private static AccessDeniedException accessDenied(
      S3Action action, String bucket, String key, String kmsKeyId, S3Exception e) {
    StringBuilder message =
        new StringBuilder("Access denied: cannot ")
            .append(action.verb)
            .append(" s3a://")
            .append(bucket)
            .append('/')
            .append(key)
            .append(". The credentials from the AWS default chain need ")
            .append(action.permission)
            .append(" on ")
            .append(action.arn(bucket, key));
    if (action.writes() && !kmsKeyId.isEmpty()) {
      message.append(" and kms:GenerateDataKey, kms:Decrypt on KMS key ").append(kmsKeyId);
    }
    message.append(". S3 said: ").append(said(e));
    String code = errorCode(e);
    if ("SignatureDoesNotMatch".equals(code) || "InvalidAccessKeyId".equals(code)) {
      message.append(
          ". The secret key does not match the access key: check the credentials themselves.");
    } else {
      if (action == S3Action.READ) {
        message.append(
            ". Without s3:ListBucket on the bucket, S3 also answers 403 for a missing object");
      }
      message.append(
          ". Fix: grant it to the role the job runs as (submit/iam/job-policy.json, rendered by"
              + " submit/iam/render.sh, lists everything the job needs) and rerun.");
    }
    return new AccessDeniedException(message.toString(), e);
  }

  private static String said(S3Exception e) {
    String code = errorCode(e);
    String text =
        e.awsErrorDetails() == null || e.awsErrorDetails().errorMessage() == null
            ? ""
            : ": " + e.awsErrorDetails().errorMessage();
    return e.statusCode()
        + (code == null ? "" : " " + code)
        + text
        + " (request id "
        + e.requestId()
        + ")";
  }

  private static String errorCode(S3Exception e) {
    return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
  }
}
