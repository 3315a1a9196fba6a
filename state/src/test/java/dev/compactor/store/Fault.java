package dev.compactor.store;

/** What the loopback proxy can do to a request instead of (or around) forwarding it. */
public enum Fault {
  /** Answers 503 SlowDown without forwarding: S3 throttling. */
  SLOW_DOWN(503, "SlowDown", "Please reduce your request rate."),
  /** Answers 500 InternalError without forwarding. */
  INTERNAL_ERROR(500, "InternalError", "We encountered an internal error. Please try again."),
  /** Answers 403 AccessDenied without forwarding: a missing permission. */
  ACCESS_DENIED(403, "AccessDenied", "Access Denied"),
  /** Resets the connection without forwarding: the request never reached S3. */
  CONNECTION_RESET(0, "", ""),
  /**
   * Forwards the request, then relays at most half of the response body and resets the connection:
   * the request took effect at S3 but the client never hears the whole answer.
   */
  RESPONSE_CUT(0, "", ""),
  /** Forwards the request after a delay: a slow response. */
  DELAY(0, "", "");

  final int status;
  final String code;
  final String message;

  Fault(int status, String code, String message) {
    this.status = status;
    this.code = code;
    this.message = message;
  }

  /** True when the proxy answers with an S3 error document of its own. */
  boolean answersWithError() {
    return status != 0;
  }
}
