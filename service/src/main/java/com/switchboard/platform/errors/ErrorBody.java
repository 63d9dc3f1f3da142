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
}
