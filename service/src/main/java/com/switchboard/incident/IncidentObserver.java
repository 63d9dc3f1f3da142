package com.switchboard.incident;

import com.switchboard.tenant.TenantId;
import org.jdbi.v3.core.Handle;

/**
 * Hears what happens to incidents, inside the transaction that changed them, so that what it writes
 * commits or rolls back with the change. Capabilities built on incidents (support tickets)
 * implement it; the incident package never depends on them.
 */
public interface IncidentObserver {
  void changed(Handle h, TenantId tenant, Incident incident, IncidentChange change);
}
