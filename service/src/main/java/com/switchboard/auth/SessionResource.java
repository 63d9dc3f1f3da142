package com.switchboard.auth;

import com.codahale.metrics.annotation.Timed;
import com.switchboard.platform.http.ClientAddressFilter;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.CookieParam;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.ContainerRequestContext;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

@Path("/v1/session")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class SessionResource {
  public record LoginRequest(
      @NotBlank @Size(max = 40) String tenant,
      @NotBlank @Size(max = 254) String email,
      @NotNull @Size(max = 200) String password) {}

  private final SessionService sessions;
  private final SessionCookies cookies;

  public SessionResource(SessionService sessions, SessionCookies cookies) {
    this.sessions = sessions;
    this.cookies = cookies;
  }

  @POST
  @Timed
  public Response login(
      @NotNull @Valid LoginRequest request,
      @CookieParam(DeviceCookies.COOKIE) String device,
      @Context ContainerRequestContext context) {
    SessionService.LoginResult result =
        sessions.login(
            request.tenant().trim(),
            request.email(),
            request.password(),
            ClientAddressFilter.of(context),
            device);
    SessionView view = SessionView.opened(result.tenant(), result.user(), result.session());
    return Response.ok(view)
        .cookie(cookies.issue(result.session()))
        .cookie(cookies.device(result.device()))
        .build();
  }

  @GET
  @Timed
  @PermitAll
  public SessionView current(@Auth Caller caller) {
    return sessions.describe(caller);
  }

  @DELETE
  @Timed
  @PermitAll
  public Response logout(@Auth Caller caller) {
    if (caller.method() == AuthMethod.SESSION) {
      sessions.logout(caller);
    }
    return Response.noContent().cookie(cookies.clear()).build();
  }
}
