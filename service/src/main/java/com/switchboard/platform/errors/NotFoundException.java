package com.switchboard.platform.errors;

/** The thing does not exist in the caller's tenant (another tenant's ids land here too). */
public class NotFoundException extends ApiException {
  public NotFoundException(String what) {
    super(404, "not_found", what + " not found");
  }
}
