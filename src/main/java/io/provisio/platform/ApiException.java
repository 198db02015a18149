package io.provisio.platform;

import jakarta.ejb.ApplicationException;

/**
 * A refusal of the admin API that a person can act on: the HTTP status, the message, and for
 * validation errors the offending field.
 */
@ApplicationException(rollback = true)
public class ApiException extends RuntimeException {

  private final int status;
  private final String field;

  public ApiException(int status, String message, String field) {
    super(message, null, false, false);
    this.status = status;
    this.field = field;
  }

  public static ApiException invalid(String field, String message) {
    return new ApiException(400, message, field);
  }

  public static ApiException notFound(String message) {
    return new ApiException(404, message, null);
  }

  public static ApiException conflict(String message, String field) {
    return new ApiException(409, message, field);
  }

  public static ApiException forbidden(String message) {
    return new ApiException(403, message, null);
  }

  public int status() {
    return status;
  }

  public String field() {
    return field;
  }
}
