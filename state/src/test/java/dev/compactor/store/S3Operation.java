package dev.compactor.store;

/** The kind of an S3 request, as the loopback proxy counts it. */
public enum S3Operation {
  /** GET on a bucket: ListObjects(V2), ListMultipartUploads, GetBucketLocation and the like. */
  LIST,
  /** GET on an object (also ListParts). */
  GET,
  /** HEAD on an object or a bucket. */
  HEAD,
  /** PUT of a whole object, or of a bucket. */
  PUT,
  /**
   * Any step of a multipart upload: create (POST ?uploads), part (PUT ?uploadId), complete, abort.
   */
  MULTIPART,
  /** DELETE of an object, or a bulk delete (POST ?delete). */
  DELETE,
  /** Anything else. */
  OTHER;

  /** Classifies a path-style request from its method, whether it names a key, and its query. */
  static S3Operation classify(String method, boolean hasKey, QueryString query) {
    boolean multipart = query.has("uploadId") || (hasKey && query.has("uploads"));
    return switch (method) {
      case "GET" -> hasKey ? GET : LIST;
      case "HEAD" -> HEAD;
      case "PUT" -> multipart ? MULTIPART : PUT;
      case "POST" -> query.has("delete") ? DELETE : multipart ? MULTIPART : OTHER;
      case "DELETE" -> multipart ? MULTIPART : DELETE;
      default -> OTHER;
    };
  }
}
