package dev.syncline.sandbox.joor;

/**
 * A request JOOR refuses, with the HTTP status and the short status word v4 puts in its {@code
 * errors[]} entries (joor.md §1.4). The gateway renders it in the shape of the API that was called.
 */
final class JoorError extends RuntimeException {

  private final int httpStatus;
  private final String code;

  JoorError(int httpStatus, String code, String message) {
    super(message, null, false, false);
    this.httpStatus = httpStatus;
    this.code = code;
  }

  static JoorError badRequest(String message) {
    return new JoorError(400, "BAD_REQUEST", message);
  }

  static JoorError notFound(String message) {
    return new JoorError(404, "NOT_FOUND", message);
  }

  static JoorError conflict(String message) {
    return new JoorError(409, "DUPLICATED", message);
  }

  static JoorError unauthorized(String message) {
    return new JoorError(401, "UNAUTHORIZED", message);
  }

  static JoorError forbidden(String message) {
    return new JoorError(403, "FORBIDDEN", message);
  }

  int httpStatus() {
    return httpStatus;
  }

  String code() {
    return code;
  }
}
