package com.switchboard.platform.errors;

/** No valid credentials: wrong password, expired session, revoked key. */
public class UnauthorizedException extends ApiException {
  public UnauthorizedException(String message) {
    super(401, "unauthorized", message);
  }
}
