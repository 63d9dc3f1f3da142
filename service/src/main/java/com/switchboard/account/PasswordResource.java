package com.switchboard.account;

import com.codahale.metrics.annotation.Timed;
import com.switchboard.account.AccountRequests.ChangePassword;
import com.switchboard.auth.Caller;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/**
 * The signed-in person's own password, beside their session. A class of its own path, more specific
 * than {@code /v1/session}, so JAX-RS routes it here.
 */
@Path("/v1/session/password")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class PasswordResource {
  private final PasswordChange passwords;

  public PasswordResource(PasswordChange passwords) {
    this.passwords = passwords;
  }

  @POST
  @Timed
  @PermitAll
  public Response change(@Auth Caller caller, @NotNull @Valid ChangePassword request) {
    passwords.change(caller, request.currentPassword(), request.newPassword());
    return Response.noContent().build();
  }
}
