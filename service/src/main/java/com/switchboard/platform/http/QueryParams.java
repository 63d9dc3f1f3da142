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
    Long value = optionalLong(name, raw, min, max);
    return value == null ? defaultValue : value.intValue();
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

  /** An ISO-8601 instant ({@code 2026-03-08T07:00:00Z}) or date-time with offset. */
  public static java.time.Instant instant(String name, String raw, java.time.Instant defaultValue) {
    if (raw == null || raw.isBlank()) {
      return defaultValue;
    }
    try {
      return java.time.OffsetDateTime.parse(raw.trim()).toInstant();
    } catch (java.time.format.DateTimeParseException e) {
      throw new BadRequestException(
          "invalid_parameter",
          name,
          "must be an ISO-8601 date-time with offset, e.g. 2026-03-08T09:00:00Z");
    }
  }

  /** An optional UUID filter; a malformed one is a client mistake, not an unknown id. */
  public static UUID optionalUuid(String name, String raw) {
    if (raw == null || raw.isBlank()) {
      return null;
    }
    try {
      if (raw.trim().length() == 36) {
        return UUID.fromString(raw.trim());
      }
    } catch (IllegalArgumentException e) {
      // fall through
    }
    throw new BadRequestException("invalid_parameter", name, "must be a UUID");
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
