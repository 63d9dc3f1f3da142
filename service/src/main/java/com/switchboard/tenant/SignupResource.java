package com.switchboard.tenant;

import com.codahale.metrics.annotation.Timed;
import com.switchboard.auth.SessionCookies;
import com.switchboard.auth.SessionView;
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

@Path("/v1/signup")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SignupResource {
  private final SignupService signups;
  private final SessionCookies cookies;

  public SignupResource(SignupService signups, SessionCookies cookies) {
    this.signups = signups;
    this.cookies = cookies;
  }

  @POST
  @Timed
  public Response signup(
      @NotNull @Valid SignupRequest request, @Context ContainerRequestContext context) {
    SignupService.SignupResult result = signups.signup(request, ClientAddressFilter.of(context));
    SessionView view = SessionView.opened(result.tenant(), result.owner(), result.session());
    return Response.status(201).entity(view).cookie(cookies.issue(result.session())).build();
  }
}
