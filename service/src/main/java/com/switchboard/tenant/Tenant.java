package com.switchboard.tenant;

import java.time.Instant;

/** An organization using Switchboard. */
public record Tenant(TenantId id, String slug, String name, Instant createdAt) {}
