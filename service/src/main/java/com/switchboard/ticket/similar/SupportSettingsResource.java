package com.switchboard.ticket.similar;

import com.codahale.metrics.annotation.Timed;
import com.switchboard.auth.Caller;
import com.switchboard.auth.Role;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The tenant's support settings: everyone reads them, owners and admins change them. */
@Path("/v1/support-settings")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SupportSettingsResource {
  private final SupportSettingsService settings;

  public SupportSettingsResource(SupportSettingsService settings) {
    this.settings = settings;
  }

  @GET
  @Timed
  @PermitAll
  public SupportSettings get(@Auth Caller caller) {
    return settings.get(caller);
  }

  @PUT
  @Timed
  @RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME})
  public SupportSettings replace(
      @Auth Caller caller, @NotNull @Valid SupportSettings.Change change) {
    return settings.replace(caller, change);
  }
}
