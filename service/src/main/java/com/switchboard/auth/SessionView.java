package com.switchboard.auth;

import com.switchboard.tenant.Tenant;
import com.switchboard.user.User;
import com.switchboard.user.UserView;
import java.time.Instant;

/**
 * What signup, login and invitation acceptance answer: who you are now and your CSRF token. {@code
 * role} is the role in effect for this credential: the user's for a session, the key's for an API
 * key.
 */
public record SessionView(
    TenantView tenant,
    UserView user,
    Role role,
    AuthMethod authMethod,
    String csrfToken,
    Instant expiresAt) {

  /** The view of a session that was just opened by signup, login or an accepted invitation. */
  public static SessionView opened(Tenant tenant, User user, SessionService.IssuedSession session) {
    return new SessionView(
        TenantView.of(tenant),
        UserView.of(user),
        user.role(),
        AuthMethod.SESSION,
        session.csrfToken(),
        session.expiresAt());
  }

  public record TenantView(String id, String slug, String name) {
    public static TenantView of(Tenant tenant) {
      return new TenantView(tenant.id().toString(), tenant.slug(), tenant.name());
    }
  }
}
