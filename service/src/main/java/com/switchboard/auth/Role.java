package com.switchboard.auth;

import com.fasterxml.jackson.annotation.JsonProperty;

/**
 * What a member of a tenant may do. Responders handle incidents, agents handle support tickets,
 * viewers only read; admins configure the tenant; owners also manage admins and owners.
 */
public enum Role {
  @JsonProperty(Role.OWNER_NAME)
  OWNER,
  @JsonProperty(Role.ADMIN_NAME)
  ADMIN,
  @JsonProperty(Role.RESPONDER_NAME)
  RESPONDER,
  @JsonProperty(Role.AGENT_NAME)
  AGENT,
  @JsonProperty(Role.VIEWER_NAME)
  VIEWER;

  // Names for @RolesAllowed, which needs compile-time constants.
  public static final String OWNER_NAME = "owner";
  public static final String ADMIN_NAME = "admin";
  public static final String RESPONDER_NAME = "responder";
  public static final String AGENT_NAME = "agent";
  public static final String VIEWER_NAME = "viewer";

  public String wireName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  public static Role fromWireName(String name) {
    return valueOf(name.toUpperCase(java.util.Locale.ROOT));
  }

  public boolean isAdministrator() {
    return this == OWNER || this == ADMIN;
  }

  /** Whether someone with this role may hand {@code other} to a new user or API key. */
  public boolean mayGrant(Role other) {
    return this == OWNER || (this == ADMIN && other != OWNER);
  }

  @Override
  public String toString() {
    return wireName();
  }
}
