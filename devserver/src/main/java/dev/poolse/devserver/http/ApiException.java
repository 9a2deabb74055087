package dev.poolse.devserver.http;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * An error answered with the error envelope. Thrown by handlers before they change anything, so
 * a failed request leaves no partial state.
 */
final class ApiException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  final int status;
  final String code;
  final transient Map<String, Object> details;
  final transient Map<String, String> headers = new LinkedHashMap<>();

  ApiException(int status, String code, String message) {
    this(status, code, message, null);
  }

  ApiException(int status, String code, String message, Map<String, Object> details) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.details = details;
  }

  ApiException header(String name, String value) {
    headers.put(name, value);
    return this;
  }

  static ApiException notFound(String what) {
    return new ApiException(404, "not_found", what + " not found");
  }

  static ApiException forbidden(String message) {
    return new ApiException(403, "forbidden", message);
  }

  static ApiException validation(String field, String problem) {
    Map<String, Object> details = new LinkedHashMap<>();
    details.put(field, List.of(problem));
    return new ApiException(422, "validation_failed", field + " " + problem, details);
  }
}
