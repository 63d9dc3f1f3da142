package com.switchboard.ticket.similar;

import com.switchboard.audit.AuditLog;
import com.switchboard.auth.Caller;
import com.switchboard.platform.db.Daos;
import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.platform.errors.NotFoundException;
import com.switchboard.tenant.TenantId;
import java.time.Clock;
import org.jdbi.v3.core.Handle;

/** Reads and replaces a tenant's support settings. */
public class SupportSettingsService {
  private final TenantDatabase db;
  private final AuditLog audit;
  private final Clock clock;

  public SupportSettingsService(TenantDatabase db, AuditLog audit, Clock clock) {
    this.db = db;
    this.audit = audit;
    this.clock = clock;
  }

  /** The tenant's settings, the defaults until someone changed them. */
  public static SupportSettings of(Handle h, TenantId tenant) {
    return Daos.on(h, SupportSettingsDao.class).find(tenant).orElse(SupportSettings.DEFAULTS);
  }

  public SupportSettings get(Caller caller) {
    return db.inTenant(caller.tenantId(), h -> of(h, caller.tenantId()));
  }

  public SupportSettings replace(Caller caller, SupportSettings.Change change) {
    TenantId tenant = caller.tenantId();
    return db.inTenant(
        tenant,
        h -> {
          SupportSettingsDao settings = Daos.on(h, SupportSettingsDao.class);
          if (change.surgeAlertPolicyId() != null
              && !settings.policyExists(tenant, change.surgeAlertPolicyId())) {
            throw new NotFoundException("escalation policy");
          }
          settings.save(
              tenant,
              change.surgeThreshold(),
              change.surgeWindowMinutes(),
              change.surgeAlertPolicyId(),
              clock.instant());
          audit.record(
              h,
              caller,
              "support_settings.changed",
              "support_settings",
              null,
              "surge alert at "
                  + change.surgeThreshold()
                  + " similar tickets in "
                  + change.surgeWindowMinutes()
                  + " min"
                  + (change.surgeAlertPolicyId() == null
                      ? ", to the support teams"
                      : ", to escalation policy " + change.surgeAlertPolicyId()));
          return of(h, tenant);
        });
  }
}
