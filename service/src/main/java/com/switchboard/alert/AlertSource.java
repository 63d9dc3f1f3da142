package com.switchboard.alert;

import com.switchboard.tenant.TenantId;
import java.util.UUID;

/** The integration an event arrived through, and the tenant and service it belongs to. */
public record AlertSource(
    TenantId tenant, UUID serviceId, UUID integrationId, String integrationType) {}
