package com.switchboard.platform.errors;

/** The request contradicts current state, e.g. a name already taken. */
public class ConflictException extends ApiException {
  public ConflictException(String message) {
    super(409, "conflict", message);
  }
}
