package com.switchboard.sla;

import com.codahale.metrics.annotation.Timed;
import com.switchboard.auth.Caller;
import com.switchboard.auth.Role;
import com.switchboard.platform.http.QueryParams;
import com.switchboard.platform.idempotency.Idempotent;
import com.switchboard.sla.SlaPolicyRequests.SlaPolicyDefinition;
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

/** SLA policies: owners and admins configure them; everyone may read them. */
@Path("/v1/sla-policies")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SlaPolicyResource {
  public record SlaPolicyList(List<SlaPolicy> items) {}

  private final SlaPolicyService policies;

  public SlaPolicyResource(SlaPolicyService policies) {
    this.policies = policies;
  }

  @GET
  @Timed
  @PermitAll
  public SlaPolicyList list(@Auth Caller caller) {
    return new SlaPolicyList(policies.list(caller));
  }

  @POST
  @Timed
  @RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME})
  @Idempotent
  public Response create(@Auth Caller caller, @NotNull @Valid SlaPolicyDefinition definition) {
    return Response.status(201).entity(policies.create(caller, definition)).build();
  }

  @GET
  @Path("/{id}")
  @Timed
  @PermitAll
  public SlaPolicy get(@Auth Caller caller, @PathParam("id") String id) {
    return policies.get(caller, QueryParams.pathId("SLA policy", id));
  }

  @PUT
  @Path("/{id}")
  @Timed
  @RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME})
  public SlaPolicy replace(
      @Auth Caller caller,
      @PathParam("id") String id,
      @NotNull @Valid SlaPolicyDefinition definition) {
    return policies.replace(caller, QueryParams.pathId("SLA policy", id), definition);
  }

  @DELETE
  @Path("/{id}")
  @Timed
  @RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME})
  public Response delete(@Auth Caller caller, @PathParam("id") String id) {
    policies.delete(caller, QueryParams.pathId("SLA policy", id));
    return Response.noContent().build();
  }
}
