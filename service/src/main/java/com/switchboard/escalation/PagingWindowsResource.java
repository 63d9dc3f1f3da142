package com.switchboard.escalation;

import com.codahale.metrics.annotation.Timed;
import com.switchboard.auth.Caller;
import com.switchboard.auth.Role;
import com.switchboard.escalation.PagingWindowsService.MaintenanceInput;
import com.switchboard.escalation.PagingWindowsService.MaintenanceWindow;
import com.switchboard.escalation.PagingWindowsService.SupportHoursInput;
import com.switchboard.platform.http.QueryParams;
import com.switchboard.platform.idempotency.Idempotent;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** A service's support hours and maintenance windows. */
public final class PagingWindowsResource {
  private PagingWindowsResource() {}

  /** {@code GET/PUT/DELETE /v1/services/{serviceId}/support-hours}. */
  @Path("/v1/services/{serviceId}/support-hours")
  @Produces(MediaType.APPLICATION_JSON)
  @Consumes(MediaType.APPLICATION_JSON)
  public static class SupportHoursResource {
    /** {@code hours} is null when the service pages low urgency around the clock. */
    public record SupportHoursView(SupportHours hours) {}

    private final PagingWindowsService windows;

    public SupportHoursResource(PagingWindowsService windows) {
      this.windows = windows;
    }

    @GET
    @Timed
    @PermitAll
    public SupportHoursView get(@Auth Caller caller, @PathParam("serviceId") String serviceId) {
      return new SupportHoursView(
          windows.supportHours(caller, QueryParams.pathId("service", serviceId)));
    }

    @PUT
    @Timed
    @RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME})
    public SupportHoursView set(
        @Auth Caller caller,
        @PathParam("serviceId") String serviceId,
        @NotNull @Valid SupportHoursInput input) {
      return new SupportHoursView(
          windows.setSupportHours(caller, QueryParams.pathId("service", serviceId), input));
    }

    @DELETE
    @Timed
    @RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME})
    public Response clear(@Auth Caller caller, @PathParam("serviceId") String serviceId) {
      windows.setSupportHours(caller, QueryParams.pathId("service", serviceId), null);
      return Response.noContent().build();
    }
  }

  /** {@code /v1/services/{serviceId}/maintenance-windows}: current and future windows. */
  @Path("/v1/services/{serviceId}/maintenance-windows")
  @Produces(MediaType.APPLICATION_JSON)
  @Consumes(MediaType.APPLICATION_JSON)
  public static class MaintenanceResource {
    public record WindowList(List<MaintenanceWindow> items) {}

    private final PagingWindowsService windows;

    public MaintenanceResource(PagingWindowsService windows) {
      this.windows = windows;
    }

    @GET
    @Timed
    @PermitAll
    public WindowList list(@Auth Caller caller, @PathParam("serviceId") String serviceId) {
      return new WindowList(windows.maintenance(caller, QueryParams.pathId("service", serviceId)));
    }

    @POST
    @Timed
    @RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME, Role.RESPONDER_NAME})
    @Idempotent
    public Response add(
        @Auth Caller caller,
        @PathParam("serviceId") String serviceId,
        @NotNull @Valid MaintenanceInput input) {
      return Response.status(201)
          .entity(windows.addMaintenance(caller, QueryParams.pathId("service", serviceId), input))
          .build();
    }

    @DELETE
    @Path("/{id}")
    @Timed
    @RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME, Role.RESPONDER_NAME})
    public Response delete(
        @Auth Caller caller, @PathParam("serviceId") String serviceId, @PathParam("id") String id) {
      windows.deleteMaintenance(
          caller,
          QueryParams.pathId("service", serviceId),
          QueryParams.pathId("maintenance window", id));
      return Response.noContent().build();
    }
  }
}
