package com.switchboard.incident;

import com.switchboard.auth.Role;
import java.util.Collections;
import java.util.EnumSet;
import java.util.Set;

/**
 * Who may acknowledge, resolve and escalate an incident, whatever the channel: the API and web UI
 * ({@code @RolesAllowed} on {@link IncidentResource}, which a test holds to this set) and every
 * side channel that acts for a paged person (SMS reply, key press on a call, email link).
 */
public final class IncidentPermissions {
  /**
   * Responders handle incidents; owners and admins may too. Support agents may as well: premium
   * support specialists are on call and are paged when a ticket's SLA breaches, and a page they
   * cannot acknowledge would escalate past them. Viewers may not.
   */
  public static final Set<Role> RESPOND =
      Collections.unmodifiableSet(EnumSet.of(Role.OWNER, Role.ADMIN, Role.RESPONDER, Role.AGENT));

  private IncidentPermissions() {}

  public static boolean mayRespond(Role role) {
    return RESPOND.contains(role);
  }
}
