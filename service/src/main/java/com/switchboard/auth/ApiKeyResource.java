package com.switchboard.auth;

import com.codahale.metrics.annotation.Timed;
import com.switchboard.platform.http.QueryParams;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
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

@Path("/v1/api-keys")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME})
public class ApiKeyResource {
  public record CreateApiKey(@NotBlank @Size(max = 100) String name, @NotNull Role role) {}

  /** The only response that ever carries the key's secret. */
  public record CreatedApiKeyView(ApiKey key, String token) {}

  public record ApiKeyList(List<ApiKey> items) {}

  private final ApiKeyService keys;

  public ApiKeyResource(ApiKeyService keys) {
    this.keys = keys;
  }

  @POST
  @Timed
  public Response create(@Auth Caller caller, @NotNull @Valid CreateApiKey request) {
    ApiKeyService.CreatedApiKey created = keys.create(caller, request.name(), request.role());
    return Response.status(201)
        .entity(new CreatedApiKeyView(created.key(), created.token()))
        .build();
  }

  @GET
  @Timed
  public ApiKeyList list(@Auth Caller caller) {
    return new ApiKeyList(keys.list(caller));
  }

  @DELETE
  @Path("/{id}")
  @Timed
  public Response revoke(@Auth Caller caller, @PathParam("id") String id) {
    keys.revoke(caller, QueryParams.pathId("API key", id));
    return Response.noContent().build();
  }
}
