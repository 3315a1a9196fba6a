package dev.compactor.store;

import java.util.Locale;
import java.util.Map;
import java.util.Optional;

/**
 * One request the loopback proxy received, decoded from a path-style target, with what the proxy
 * did to it.
 *
 * @param bucket the bucket, or "" for the service root (ListBuckets)
 * @param key the decoded object key, or "" for a bucket-level request
 * @param query the decoded query parameters
 * @param copySource the decoded {@code x-amz-copy-source} header ("bucket/key"), or ""
 * @param headers every request header, names in lower case (see {@link #header(String)})
 * @param body the body of a POST (a CompleteMultipartUpload's part list, a bulk delete's keys) as
 *     UTF-8 text, byte for byte as sent; "" for other methods, whose bodies are object data and are
 *     not kept, and until the proxy has read it
 * @param fault what the proxy injected instead of (or around) forwarding, or empty
 * @param status the HTTP status the client got, 0 when the connection was reset or failed first
 */
public record ProxiedRequest(
    String method,
    String bucket,
    String key,
    QueryString query,
    String copySource,
    Map<String, String> headers,
    String body,
    S3Operation operation,
    Optional<Fault> fault,
    int status) {

  public ProxiedRequest {
    headers = Map.copyOf(headers);
  }

  /**
   * Decodes a request line's method and target (path-style: /bucket/key?query) and its headers
   * (names in lower case).
   */
  static ProxiedRequest of(String method, String target, Map<String, String> headers) {
    String copySource = headers.getOrDefault("x-amz-copy-source", "");
    int q = target.indexOf('?');
    String path = q < 0 ? target : target.substring(0, q);
    QueryString query = QueryString.parse(q < 0 ? "" : target.substring(q + 1));
    String trimmed = path.startsWith("/") ? path.substring(1) : path;
    int slash = trimmed.indexOf('/');
    String bucket = QueryString.decode(slash < 0 ? trimmed : trimmed.substring(0, slash));
    String key = slash < 0 ? "" : QueryString.decode(trimmed.substring(slash + 1));
    String source =
        QueryString.decode(copySource.startsWith("/") ? copySource.substring(1) : copySource);
    return new ProxiedRequest(
        method,
        bucket,
        key,
        query,
        source,
        headers,
        "",
        S3Operation.classify(method, !key.isEmpty(), query),
        Optional.empty(),
        0);
  }

  ProxiedRequest withFault(Optional<Fault> injected) {
    return new ProxiedRequest(
        method, bucket, key, query, copySource, headers, body, operation, injected, status);
  }

  ProxiedRequest withStatus(int answered) {
    return new ProxiedRequest(
        method, bucket, key, query, copySource, headers, body, operation, fault, answered);
  }

  ProxiedRequest withBody(String sent) {
    return new ProxiedRequest(
        method, bucket, key, query, copySource, headers, sent, operation, fault, status);
  }

  /** The value of header {@code name} (case-insensitive), or "" when absent. */
  public String header(String name) {
    return headers.getOrDefault(name.toLowerCase(Locale.ROOT), "");
  }

  /**
   * The IAM action S3 authorizes this request against, e.g. {@code s3:GetObject}. A copy also needs
   * {@code s3:GetObject} on {@link #copySource()}.
   */
  public String iamAction() {
    boolean onObject = !key.isEmpty();
    return switch (method) {
      case "GET" -> {
        if (onObject) {
          yield query.has("uploadId") ? "s3:ListMultipartUploadParts" : "s3:GetObject";
        }
        if (bucket.isEmpty()) {
          yield "s3:ListAllMyBuckets";
        }
        if (query.has("uploads")) {
          yield "s3:ListBucketMultipartUploads";
        }
        if (query.has("location")) {
          yield "s3:GetBucketLocation";
        }
        yield query.has("versions") ? "s3:ListBucketVersions" : "s3:ListBucket";
      }
      // HeadObject needs GetObject; HeadBucket needs ListBucket.
      case "HEAD" -> onObject ? "s3:GetObject" : "s3:ListBucket";
      case "PUT" -> onObject ? "s3:PutObject" : "s3:CreateBucket";
      // Bulk delete needs DeleteObject on each key (in the body); multipart steps need PutObject.
      case "POST" -> query.has("delete") ? "s3:DeleteObject" : "s3:PutObject";
      case "DELETE" -> {
        if (!onObject) {
          yield "s3:DeleteBucket";
        }
        yield query.has("uploadId") ? "s3:AbortMultipartUpload" : "s3:DeleteObject";
      }
      default -> "unknown:" + method;
    };
  }

  /** The resource {@link #iamAction()} is granted on: the object's ARN, or the bucket's. */
  public String resourceArn() {
    return key.isEmpty() ? "arn:aws:s3:::" + bucket : "arn:aws:s3:::" + bucket + "/" + key;
  }

  /** The {@code s3:prefix} condition key of a list request (the {@code prefix} parameter). */
  public String listPrefix() {
    return query.value("prefix");
  }

  @Override
  public String toString() {
    return method
        + " "
        + bucket
        + (key.isEmpty() ? "" : "/" + key)
        + (query.parameters().isEmpty() ? "" : "?" + query.parameters().keySet())
        + " "
        + operation
        + " -> "
        + status
        + fault.map(f -> " fault=" + f).orElse("");
  }
}
