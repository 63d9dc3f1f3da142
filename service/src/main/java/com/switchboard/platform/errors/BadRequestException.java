package com.switchboard.platform.errors;

import java.util.List;
import java.util.Map;

/** Input that cannot be read at all: malformed JSON, a value of the wrong type. */
public class BadRequestException extends ApiException {
  public BadRequestException(String code, String message) {
    super(400, code, message);
  }

  public BadRequestException(String code, String field, String message) {
    super(400, code, field + " " + message, List.of(new FieldError(field, message)), Map.of());
  }
}
