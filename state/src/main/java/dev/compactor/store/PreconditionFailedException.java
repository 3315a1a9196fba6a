package dev.compactor.store;

/**
 * A conditional write lost: the object exists ({@code If-None-Match}) or changed ({@code
 * If-Match}).
 */
public class PreconditionFailedException extends StoreException {
  public PreconditionFailedException(String message, Throwable cause) {
    super(message, cause);
  }
}
