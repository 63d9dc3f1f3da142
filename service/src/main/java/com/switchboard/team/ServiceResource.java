package com.switchboard.team;

import com.codahale.metrics.annotation.Timed;
import com.switchboard.auth.Caller;
import com.switchboard.auth.Role;
import com.switchboard.escalation.PolicyRequests;
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
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** The service directory: which team owns what. */
@Path("/v1/services")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ServiceResource {
  public record ServiceList(List<BusinessService> items) {}

  private final TeamService teams;

  public ServiceResource(TeamService teams) {
    this.teams = teams;
  }

  /** {@code ?q=login} matches service names, descriptions and owning team names. */
  @GET
  @Timed
  @PermitAll
  public ServiceList search(
      @Auth Caller caller, @QueryParam("q") String query, @QueryParam("limit") String limit) {
    return new ServiceList(
        teams.searchServices(
            caller,
            QueryParams.optionalText("q", query, 100),
            QueryParams.intInRange("limit", limit, 100, 1, 500)));
  }

  @POST
  @Timed
  @RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME})
  @Idempotent
  public Response create(@Auth Caller caller, @NotNull @Valid TeamRequests.CreateService request) {
    return Response.status(201).entity(teams.createService(caller, request)).build();
  }

  @GET
  @Path("/{id}")
  @Timed
  @PermitAll
  public BusinessService get(@Auth Caller caller, @PathParam("id") String id) {
    return teams.getService(caller, QueryParams.pathId("service", id));
  }

  @PATCH
  @Path("/{id}")
  @Timed
  @RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME})
  public BusinessService update(
      @Auth Caller caller,
      @PathParam("id") String id,
      @NotNull @Valid TeamRequests.UpdateService request) {
    return teams.updateService(caller, QueryParams.pathId("service", id), request);
  }

  @PUT
  @Path("/{id}/escalation-policy")
  @Timed
  @RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME})
  public BusinessService setEscalationPolicy(
      @Auth Caller caller,
      @PathParam("id") String id,
      @NotNull @Valid PolicyRequests.ServicePolicy request) {
    return teams.setEscalationPolicy(caller, QueryParams.pathId("service", id), request.policyId());
  }

  @DELETE
  @Path("/{id}")
  @Timed
  @RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME})
  public Response delete(@Auth Caller caller, @PathParam("id") String id) {
    teams.deleteService(caller, QueryParams.pathId("service", id));
    return Response.noContent().build();
  }
}
