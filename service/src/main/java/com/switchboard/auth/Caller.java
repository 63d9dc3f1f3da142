package com.switchboard.auth;

import com.switchboard.tenant.TenantId;
import com.switchboard.user.UserId;
import java.security.Principal;
import java.util.UUID;

/**
 * The authenticated principal of a request, the same for session cookies and API keys: which
 * tenant, which user (for an API key, the user who created it), which role applies now.
 *
 * @param credentialId the session or API key id
 * @param csrfToken the session's CSRF token; null for API keys, which need none
 */
public record Caller(
    TenantId tenantId,
    UserId userId,
    String email,
    String displayName,
    Role role,
    AuthMethod method,
    UUID credentialId,
    String csrfToken,
    String clientIp)
    implements Principal {

  @Override
  public String getName() {
    return email;
  }

  public boolean is(UserId user) {
    return userId.equals(user);
  }
}
