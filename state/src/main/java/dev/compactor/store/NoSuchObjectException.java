package dev.compactor.store;

/** The object does not exist (it may have been deleted after it was listed). */
public class NoSuchObjectException extends StoreException {
  public NoSuchObjectException(String message, Throwable cause) {
    super(message, cause);
  }
}
