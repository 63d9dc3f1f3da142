package com.switchboard.platform.errors;

import java.util.List;
import java.util.Map;

/**
 * A client mistake with a stable machine-readable code. {@link ApiExceptionMapper} turns every
 * instance into the one JSON error shape; nothing else builds error responses.
 */
public class ApiException extends RuntimeException {
  private final int status;
  private final String code;
  private final List<FieldError> fields;
  private final Map<String, String> headers;

  public ApiException(int status, String code, String message) {
    this(status, code, message, List.of(), Map.of());
  }

  public ApiException(
      int status,
      String code,
      String message,
      List<FieldError> fields,
      Map<String, String> headers) {
    super(message, null, false, false);
    this.status = status;
    this.code = code;
    this.fields = List.copyOf(fields);
    this.headers = Map.copyOf(headers);
  }

  public int status() {
    return status;
  }

  public String code() {
    return code;
  }

  public List<FieldError> fields() {
    return fields;
  }

  public Map<String, String> headers() {
    return headers;
  }

  public ErrorBody toBody() {
    return ErrorBody.of(code, getMessage(), fields);
  }

  /**
   * What the answer carries: the one error shape, except on an endpoint that emulates another
   * product's contract (the PagerDuty-compatible Events API answers PagerDuty's shape).
   */
  public Object body() {
    return toBody();
  }
}
