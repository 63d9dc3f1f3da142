package com.switchboard.account;

import com.codahale.metrics.annotation.Timed;
import com.switchboard.account.AccountRequests.ResetConfirmation;
import com.switchboard.account.AccountRequests.ResetRequest;
import com.switchboard.platform.http.ClientAddressFilter;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** "Forgot password": public, like login; the emailed token is the credential. */
@Path("/v1/password-resets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PasswordResetResource {
  private final AccountRecovery recovery;

  public PasswordResetResource(AccountRecovery recovery) {
    this.recovery = recovery;
  }

  /** 202 with the same body whether or not the account exists. */
  @POST
  @Timed
  public Response request(
      @NotNull @Valid ResetRequest request, @Context ContainerRequestContext context) {
    recovery.requestReset(request.tenant(), request.email(), ClientAddressFilter.of(context));
    return Response.accepted(AccountRequests.Accepted.INSTANCE).build();
  }

  @POST
  @Path("/confirm")
  @Timed
  public Response confirm(
      @NotNull @Valid ResetConfirmation request, @Context ContainerRequestContext context) {
    recovery.confirmReset(request.token(), request.password(), ClientAddressFilter.of(context));
    return Response.noContent().build();
  }
}
