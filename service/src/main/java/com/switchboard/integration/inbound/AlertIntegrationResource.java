package com.switchboard.integration.inbound;

import com.codahale.metrics.annotation.Timed;
import com.switchboard.auth.Caller;
import com.switchboard.auth.Role;
import com.switchboard.platform.http.QueryParams;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;

/**
 * A service's inbound integrations. Owners and admins only, reads included: the answer carries the
 * key, which is enough to open incidents (services themselves are readable by every role).
 */
@Path("/v1/services/{serviceId}/integrations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME})
public class AlertIntegrationResource {
  public record CreateIntegration(
      @NotNull
          @Pattern(
              regexp = IntegrationType.WIRE_NAMES,
              message = "must be one of " + IntegrationType.WIRE_NAMES)
          String type,
      @NotBlank @Size(max = 100) String name) {}

  public record IntegrationList(List<AlertIntegration> items) {}

  private final AlertIntegrationService integrations;

  public AlertIntegrationResource(AlertIntegrationService integrations) {
    this.integrations = integrations;
  }

  @POST
  @Timed
  public Response create(
      @Auth Caller caller,
      @PathParam("serviceId") String serviceId,
      @NotNull @Valid CreateIntegration request) {
    AlertIntegration created =
        integrations.create(
            caller,
            service(serviceId),
            IntegrationType.fromWire(request.type()).orElseThrow(),
            request.name());
    return Response.status(201).entity(created).build();
  }

  @GET
  @Timed
  public IntegrationList list(@Auth Caller caller, @PathParam("serviceId") String serviceId) {
    return new IntegrationList(integrations.list(caller, service(serviceId)));
  }

  @GET
  @Path("/{id}")
  @Timed
  public AlertIntegration get(
      @Auth Caller caller, @PathParam("serviceId") String serviceId, @PathParam("id") String id) {
    return integrations.get(caller, service(serviceId), integration(id));
  }

  @DELETE
  @Path("/{id}")
  @Timed
  public Response delete(
      @Auth Caller caller, @PathParam("serviceId") String serviceId, @PathParam("id") String id) {
    integrations.delete(caller, service(serviceId), integration(id));
    return Response.noContent().build();
  }

  @POST
  @Path("/{id}/rotate-key")
  @Timed
  public AlertIntegration rotateKey(
      @Auth Caller caller, @PathParam("serviceId") String serviceId, @PathParam("id") String id) {
    return integrations.rotateKey(caller, service(serviceId), integration(id));
  }

  private static UUID service(String raw) {
    return QueryParams.pathId("service", raw);
  }

  private static UUID integration(String raw) {
    return QueryParams.pathId("integration", raw);
  }
}
