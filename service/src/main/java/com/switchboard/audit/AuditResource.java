package com.switchboard.audit;

import com.codahale.metrics.annotation.Timed;
import com.switchboard.auth.Caller;
import com.switchboard.auth.Role;
import com.switchboard.platform.db.Daos;
import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.platform.http.QueryParams;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

@Path("/v1/audit")
@Produces(MediaType.APPLICATION_JSON)
public class AuditResource {
  /** A page of events, newest first; pass {@code nextBefore} as {@code before} for the next. */
  public record AuditPage(List<AuditEvent> items, Long nextBefore) {}

  private final TenantDatabase db;

  public AuditResource(TenantDatabase db) {
    this.db = db;
  }

  @GET
  @Timed
  @RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME})
  public AuditPage list(
      @Auth Caller caller, @QueryParam("limit") String limit, @QueryParam("before") String before) {
    int pageSize = QueryParams.intInRange("limit", limit, 50, 1, 200);
    Long beforeId = QueryParams.optionalLong("before", before, 1, Long.MAX_VALUE);
    List<AuditEvent> items =
        db.inTenant(
            caller.tenantId(),
            handle -> Daos.on(handle, AuditDao.class).page(caller.tenantId(), beforeId, pageSize));
    Long next = items.size() == pageSize ? items.get(items.size() - 1).id() : null;
    return new AuditPage(items, next);
  }
}
