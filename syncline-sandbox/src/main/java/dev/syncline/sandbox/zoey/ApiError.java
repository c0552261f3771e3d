package dev.syncline.sandbox.zoey;

/**
 * An answer of the REST API other than success, rendered in Magento's error body (zoey.md §5.2:
 * {@code {"messages":{"error":[{"code":404,"message":"Resource not found."}]}}}).
 */
final class ApiError extends RuntimeException {

  // zoey.md §5.2: Magento 1 api2 messages for these cases.
  static final String NOT_FOUND = "Resource not found.";
  static final String METHOD_NOT_ALLOWED = "Resource does not support method.";
  static final String INVALID_DATA = "The request data is invalid.";
  static final String ACCESS_DENIED = "Access denied.";

  private final int status;

  ApiError(int status, String message) {
    super(message, null, false, false);
    this.status = status;
  }

  static ApiError badRequest(String message) {
    return new ApiError(400, message);
  }

  static ApiError notFound() {
    return new ApiError(404, NOT_FOUND);
  }

  /** zoey.md §5.2: a missing required value, in M1's words ("Empty value for ... in request."). */
  static ApiError emptyValue(String field) {
    return new ApiError(400, "Empty value for \"" + field + "\" in request.");
  }

  int status() {
    return status;
  }
}
