package dev.compactor.store;

/**
 * The credentials in use lack a permission; the message names the bucket, key and the S3 action.
 */
public class AccessDeniedException extends StoreException {
  public AccessDeniedException(String message, Throwable cause) {
    super(message, cause);
  }
}
