package com.switchboard.platform.errors;

import java.util.List;
import java.util.Map;

/** Well-formed input that breaks a rule: answered 422 with the offending fields. */
public class ValidationException extends ApiException {
  public ValidationException(String field, String message) {
    this(List.of(new FieldError(field, message)));
  }

  public ValidationException(List<FieldError> fields) {
    super(422, "validation_failed", describe(fields), fields, Map.of());
  }

  private static String describe(List<FieldError> fields) {
    if (fields.size() == 1) {
      return fields.get(0).field() + " " + fields.get(0).message();
    }
    return fields.size() + " fields are invalid";
  }
}
