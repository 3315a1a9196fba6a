package dev.compactor.store;

/** An object-store operation failed; the message names the object and, where known, the fix. */
public class StoreException extends RuntimeException {
  public StoreException(String message, Throwable cause) {
    super(message, cause);
  }

  public StoreException(String message) {
    super(message);
  }
}
