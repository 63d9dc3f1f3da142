package com.switchboard.platform.http;

/** Constants shared by request-body constraints. */
public final class RequestRules {
  /**
   * For optional text fields of PATCH bodies ({@code @Pattern(regexp = NOT_BLANK)}): absent is
   * fine, present must hold a character other than white space.
   */
  public static final String NOT_BLANK = "(?s).*\\S.*";

  private RequestRules() {}
}
