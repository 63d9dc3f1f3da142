package com.switchboard.auth;

import com.switchboard.platform.errors.ApiException;
import com.switchboard.platform.http.ClientAddressFilter;
import io.dropwizard.auth.AuthFilter;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Cookie;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Set;

/**
 * Authenticates the browser's session cookie. Cookie-authenticated writes must echo the session's
 * CSRF token in {@code X-CSRF-Token}: a cross-site form can send the cookie but cannot read the
 * token.
 */
@Priority(Priorities.AUTHENTICATION)
public class SessionCookieAuthFilter extends AuthFilter<Credentials, Caller> {
  public static final String COOKIE = "sb_session";
  public static final String CSRF_COOKIE = "sb_csrf";
  public static final String CSRF_HEADER = "X-CSRF-Token";
  private static final Set<String> SAFE_METHODS = Set.of("GET", "HEAD", "OPTIONS");

  @Override
  public void filter(ContainerRequestContext request) {
    Cookie cookie = request.getCookies().get(COOKIE);
    if (cookie == null
        || !authenticate(
            request,
            new Credentials(cookie.getValue(), ClientAddressFilter.of(request)),
            "SESSION")) {
      throw unauthorizedHandler.buildException(prefix, realm);
    }
    if (!SAFE_METHODS.contains(request.getMethod())) {
      Caller caller = (Caller) request.getSecurityContext().getUserPrincipal();
      String sent = request.getHeaderString(CSRF_HEADER);
      if (sent == null
          || !MessageDigest.isEqual(
              sent.getBytes(StandardCharsets.UTF_8),
              caller.csrfToken().getBytes(StandardCharsets.UTF_8))) {
        throw new ApiException(
            403, "csrf_failed", "send the session's CSRF token in the " + CSRF_HEADER + " header");
      }
    }
  }

  public static class Builder
      extends AuthFilterBuilder<Credentials, Caller, SessionCookieAuthFilter> {
    @Override
    protected SessionCookieAuthFilter newInstance() {
      return new SessionCookieAuthFilter();
    }
  }
}
