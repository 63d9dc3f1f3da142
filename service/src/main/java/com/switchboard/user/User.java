package com.switchboard.user;

import com.switchboard.auth.Role;
import com.switchboard.tenant.TenantId;
import java.time.Instant;

/** A member of a tenant, as stored. Never serialized: {@link UserView} is what the API shows. */
public record User(
    TenantId tenantId,
    UserId id,
    String email,
    String name,
    String passwordHash,
    Role role,
    String timeZone,
    boolean active,
    boolean statusUpdates,
    Instant createdAt,
    Instant updatedAt) {}
