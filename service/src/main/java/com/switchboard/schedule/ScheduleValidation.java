package com.switchboard.schedule;

import com.switchboard.platform.errors.FieldError;
import com.switchboard.platform.errors.ValidationException;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

/**
 * Validation helpers for the schedule model. The model's constructors throw {@link
 * ValidationException} (answered 422 by the one exception mapper) naming the field relative to the
 * record being built ({@code participants}, {@code turn}, {@code end}); a resource building a
 * nested value wraps the construction in {@link #within} so the client sees the full path ({@code
 * layers[1].participants}).
 */
public final class ScheduleValidation {
  /** The longest name a schedule or layer may have, as for teams and users. */
  public static final int MAX_NAME_LENGTH = 100;

  private ScheduleValidation() {}

  /**
   * Builds a value, prefixing the field of any {@link ValidationException} it throws with {@code
   * prefix} and a dot.
   */
  public static <T> T within(String prefix, Supplier<T> build) {
    try {
      return build.get();
    } catch (ValidationException e) {
      List<FieldError> prefixed = new ArrayList<>(e.fields().size());
      for (FieldError f : e.fields()) {
        prefixed.add(new FieldError(prefix + "." + f.field(), f.message()));
      }
      throw new ValidationException(prefixed);
    }
  }

  static <T> T required(String field, T value) {
    if (value == null) {
      throw new ValidationException(field, "is required");
    }
    return value;
  }

  static String checkName(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new ValidationException(field, "must not be blank");
    }
    if (value.length() > MAX_NAME_LENGTH) {
      throw new ValidationException(field, "must be at most " + MAX_NAME_LENGTH + " characters");
    }
    return value;
  }

  static <T> List<T> list(String field, List<T> values) {
    required(field, values);
    for (int i = 0; i < values.size(); i++) {
      if (values.get(i) == null) {
        throw new ValidationException(field + "[" + i + "]", "is required");
      }
    }
    return List.copyOf(values);
  }

  static void fail(String field, String message) {
    throw new ValidationException(field, message);
  }
}
