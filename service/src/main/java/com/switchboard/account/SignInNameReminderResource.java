package com.switchboard.account;

import com.codahale.metrics.annotation.Timed;
import com.switchboard.account.AccountRequests.ReminderRequest;
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

/** "Forgot sign-in name": public; answers 202 with the same body whatever the address. */
@Path("/v1/sign-in-name-reminders")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SignInNameReminderResource {
  private final AccountRecovery recovery;

  public SignInNameReminderResource(AccountRecovery recovery) {
    this.recovery = recovery;
  }

  @POST
  @Timed
  public Response remind(
      @NotNull @Valid ReminderRequest request, @Context ContainerRequestContext context) {
    recovery.remindSignInNames(request.email(), ClientAddressFilter.of(context));
    return Response.accepted(AccountRequests.Accepted.INSTANCE).build();
  }
}
