package dev.syncline.app.http;

import java.util.Optional;

/**
 * A request the API refuses: the status, what is wrong, and the field at fault when there is one.
 */
public final class ApiError extends RuntimeException {

  private final int status;
  private final Optional<String> field;

  public ApiError(int status, String message, Optional<String> field) {
    super(message);
    this.status = status;
    this.field = field;
  }

  public static ApiError badRequest(String field, String message) {
    return new ApiError(400, message, Optional.of(field));
  }

  public int status() {
    return status;
  }

  public Optional<String> field() {
    return field;
  }
}
