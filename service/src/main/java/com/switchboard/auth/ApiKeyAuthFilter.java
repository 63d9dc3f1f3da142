package com.switchboard.auth;

import com.switchboard.platform.http.ClientAddressFilter;
import io.dropwizard.auth.AuthFilter;
import jakarta.annotation.Priority;
import jakarta.ws.rs.Priorities;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.HttpHeaders;

/** Authenticates {@code Authorization: Bearer sbk_…} API keys. */
@Priority(Priorities.AUTHENTICATION)
public class ApiKeyAuthFilter extends AuthFilter<Credentials, Caller> {
  @Override
  public void filter(ContainerRequestContext request) {
    String header = request.getHeaderString(HttpHeaders.AUTHORIZATION);
    String token = null;
    if (header != null && header.regionMatches(true, 0, "Bearer ", 0, 7)) {
      token = header.substring(7).trim();
    }
    if (token == null
        || !authenticate(
            request, new Credentials(token, ClientAddressFilter.of(request)), "BEARER")) {
      throw unauthorizedHandler.buildException(prefix, realm);
    }
  }

  public static class Builder extends AuthFilterBuilder<Credentials, Caller, ApiKeyAuthFilter> {
    @Override
    protected ApiKeyAuthFilter newInstance() {
      return new ApiKeyAuthFilter();
    }
  }
}
