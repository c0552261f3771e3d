package dev.syncline.sandbox.netsuite;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * A request NetSuite refuses, answered with its error body. netsuite-api.md §5.1: {@code type},
 * {@code title}, {@code status} and {@code o:errorDetails[]} of {@code detail}, {@code o:errorCode}
 * and optionally {@code o:errorPath}.
 */
final class NetSuiteError extends RuntimeException {

  private final int status;
  private final String code;
  private final Optional<String> path;

  NetSuiteError(int status, String code, String detail, Optional<String> path) {
    super(detail);
    this.status = status;
    this.code = code;
    this.path = path;
  }

  NetSuiteError(int status, String code, String detail) {
    this(status, code, detail, Optional.empty());
  }

  static NetSuiteError badRequest(String code, String detail) {
    return new NetSuiteError(400, code, detail);
  }

  /** netsuite-api.md §5.1: the invalid-field-value detail text, with the path into the body. */
  static NetSuiteError invalidValue(Object value, String field, String path) {
    return new NetSuiteError(
        400,
        "INVALID_CONTENT",
        "Error while accessing resource: You have entered an Invalid Field Value "
            + value
            + " for the following field: "
            + field,
        Optional.of(path));
  }

  static NetSuiteError notFound(String detail) {
    // netsuite-api.md §5.1: NONEXISTENT_ID with 404 is [3P].
    return new NetSuiteError(404, "NONEXISTENT_ID", detail);
  }

  /** netsuite-api.md §2.1: the verbatim INVALID_LOGIN body. */
  static NetSuiteError invalidLogin() {
    return new NetSuiteError(
        401,
        "INVALID_LOGIN",
        "Invalid login attempt. For more details, see the Login Audit Trail in the NetSuite UI at"
            + " Setup > Users/Roles > User Management > View Login Audit Trail.");
  }

  int status() {
    return status;
  }

  String code() {
    return code;
  }

  Map<String, Object> body() {
    var detail = new LinkedHashMap<String, Object>();
    detail.put("detail", getMessage());
    detail.put("o:errorCode", code);
    path.ifPresent(p -> detail.put("o:errorPath", p));
    var body = new LinkedHashMap<String, Object>();
    if (status == 429) {
      // netsuite-api.md §5.2: the [3P] 429 body has no type and says "Bad Request".
      body.put("title", "Bad Request");
    } else {
      body.put("type", "https://www.w3.org/Protocols/rfc2616/rfc2616-sec10.html#" + section());
      body.put("title", title());
    }
    body.put("status", status);
    body.put("o:errorDetails", List.of(detail));
    return body;
  }

  /** netsuite-api.md §5.1: the type URI follows rfc2616's sections (401 is #sec10.4.2). */
  private String section() {
    return switch (status) {
      case 400 -> "sec10.4.1";
      case 401 -> "sec10.4.2";
      case 403 -> "sec10.4.4";
      case 404 -> "sec10.4.5";
      case 405 -> "sec10.4.6";
      default -> "sec10.5.1";
    };
  }

  private String title() {
    return switch (status) {
      case 400 -> "Bad Request";
      case 401 -> "Unauthorized";
      case 403 -> "Forbidden";
      case 404 -> "Not Found";
      case 405 -> "Method Not Allowed";
      default -> "Internal Server Error";
    };
  }
}
