package com.switchboard.alert;

import com.codahale.metrics.annotation.Timed;
import com.switchboard.alert.AlertGrouping.Input;
import com.switchboard.alert.AlertGrouping.View;
import com.switchboard.auth.Caller;
import com.switchboard.auth.Role;
import com.switchboard.platform.http.QueryParams;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * {@code /v1/services/{serviceId}/alert-grouping}: everyone reads a service's cap on incidents from
 * alerts; owners and admins set it ({@code PUT}) or hand it back to the defaults ({@code DELETE}).
 */
@Path("/v1/services/{serviceId}/alert-grouping")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class AlertGroupingResource {
  private final AlertGrouping grouping;

  public AlertGroupingResource(AlertGrouping grouping) {
    this.grouping = grouping;
  }

  @GET
  @Timed
  @PermitAll
  public View get(@Auth Caller caller, @PathParam("serviceId") String serviceId) {
    return grouping.get(caller, QueryParams.pathId("service", serviceId));
  }

  @PUT
  @Timed
  @RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME})
  public View set(
      @Auth Caller caller, @PathParam("serviceId") String serviceId, @NotNull @Valid Input input) {
    return grouping.set(caller, QueryParams.pathId("service", serviceId), input);
  }

  @DELETE
  @Timed
  @RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME})
  public View clear(@Auth Caller caller, @PathParam("serviceId") String serviceId) {
    return grouping.clear(caller, QueryParams.pathId("service", serviceId));
  }
}
