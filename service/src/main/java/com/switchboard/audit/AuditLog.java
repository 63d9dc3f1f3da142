package com.switchboard.audit;

import com.switchboard.auth.AuthMethod;
import com.switchboard.auth.Caller;
import com.switchboard.platform.db.Daos;
import com.switchboard.tenant.TenantId;
import java.time.Clock;
import org.jdbi.v3.core.Handle;

/**
 * Writes audit events on the handle of the change they describe, so an event exists exactly when
 * its change was committed.
 */
public class AuditLog {
  private final Clock clock;

  public AuditLog(Clock clock) {
    this.clock = clock;
  }

  public void record(
      Handle handle,
      Caller caller,
      String action,
      String targetType,
      Object targetId,
      String summary) {
    Daos.on(handle, AuditDao.class)
        .insert(
            caller.tenantId(),
            clock.instant(),
            caller.userId().value(),
            caller.method() == AuthMethod.API_KEY ? "api_key" : "user",
            caller.email(),
            action,
            targetType,
            targetId == null ? null : targetId.toString(),
            summary,
            caller.clientIp());
  }

  /** For changes made by Switchboard itself (demo loader, scheduled clean-ups). */
  public void recordSystem(
      Handle handle,
      TenantId tenant,
      String action,
      String targetType,
      Object targetId,
      String summary) {
    Daos.on(handle, AuditDao.class)
        .insert(
            tenant,
            clock.instant(),
            null,
            "system",
            "switchboard",
            action,
            targetType,
            targetId == null ? null : targetId.toString(),
            summary,
            null);
  }
}
