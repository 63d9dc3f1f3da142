package com.switchboard.platform.errors;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;

/** {@code {"error":{"code":"…","message":"…","fields":[…]}}} — the only error shape of the API. */
public record ErrorBody(Detail error) {

  @JsonInclude(JsonInclude.Include.NON_EMPTY)
  public record Detail(String code, String message, List<FieldError> fields) {}

  public static ErrorBody of(String code, String message) {
    return new ErrorBody(new Detail(code, message, List.of()));
  }

  public static ErrorBody of(String code, String message, List<FieldError> fields) {
    return new ErrorBody(new Detail(code, message, fields));
  }

  /** The code of an error that has only its HTTP status to go on. */
  public static String codeFor(int status) {
    return switch (status) {
      case 400 -> "bad_request";
      case 401 -> "unauthorized";
      case 403 -> "forbidden";
      case 404 -> "not_found";
      case 405 -> "method_not_allowed";
      case 409 -> "conflict";
      case 413 -> "payload_too_large";
      case 414 -> "uri_too_long";
      case 429 -> "rate_limited";
      case 431 -> "headers_too_large";
      case 503 -> "unavailable";
      default -> status >= 500 ? "internal_error" : "http_" + status;
    };
  }
}
