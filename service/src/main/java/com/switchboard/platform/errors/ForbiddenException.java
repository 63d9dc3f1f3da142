package com.switchboard.platform.errors;

/** Authenticated, but the caller's role may not do this. */
public class ForbiddenException extends ApiException {
  public ForbiddenException(String message) {
    super(403, "forbidden", message);
  }
}
