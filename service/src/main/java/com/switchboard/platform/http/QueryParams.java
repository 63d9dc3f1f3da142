package com.switchboard.platform.http;

import com.switchboard.platform.errors.BadRequestException;
import java.util.UUID;

/**
 * Parses query and path parameters with a 400 that names the parameter. JAX-RS would answer a bad
 * {@code @QueryParam int} with 404, which tells a client nothing.
 */
public final class QueryParams {
  private QueryParams() {}

  public static int intInRange(String name, String raw, int defaultValue, int min, int max) {
    if (raw == null || raw.isBlank()) {
      return defaultValue;
    }
    try {
      int value = Integer.parseInt(raw.trim());
      if (value < min || value > max) {
        throw new BadRequestException(
            "invalid_parameter", name, "must be between " + min + " and " + max);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new BadRequestException("invalid_parameter", name, "must be an integer");
    }
  }

  public static Long optionalLong(String name, String raw, long min, long max) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    try {
      long value = Long.parseLong(raw.trim());
      if (value < min || value > max) {
        throw new BadRequestException(
            "invalid_parameter", name, "must be between " + min + " and " + max);
      }
      return value;
    } catch (NumberFormatException e) {
      throw new BadRequestException("invalid_parameter", name, "must be an integer");
    }
  }

  public static String optionalText(String name, String raw, int maxLength) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    if (raw.length() > maxLength) {
      throw new BadRequestException(
          "invalid_parameter", name, "must be at most " + maxLength + " characters");
    }
    return raw.trim();
  }

  /** A path id that is not a UUID names nothing, so it answers 404 like an unknown id. */
  public static UUID pathId(String what, String raw) {
    try {
      if (raw != null && raw.length() == 36) {
        return UUID.fromString(raw);
      }
    } catch (IllegalArgumentException e) {
      // fall through
    }
    throw new com.switchboard.platform.errors.NotFoundException(what);
  }
}
