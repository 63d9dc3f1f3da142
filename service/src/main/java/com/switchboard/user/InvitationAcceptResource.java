package com.switchboard.user;

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

/**
 * Where an invited person accepts. Separate from {@link InvitationResource} because it lives
 * outside {@code /users}, and JAX-RS matches a request to one root resource only.
 */
@Path("/v1/invitations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class InvitationAcceptResource {
  private final InvitationService invitations;
  private final SessionCookies cookies;

  public InvitationAcceptResource(InvitationService invitations, SessionCookies cookies) {
    this.invitations = invitations;
    this.cookies = cookies;
  }

  /** Public: the token in the body is the credential. */
  @POST
  @Path("/accept")
  @Timed
  public Response accept(
      @NotNull @Valid UserRequests.AcceptInvitation request,
      @Context ContainerRequestContext context) {
    InvitationService.Accepted accepted =
        invitations.accept(request, ClientAddressFilter.of(context));
    SessionView view = SessionView.opened(accepted.tenant(), accepted.user(), accepted.session());
    return Response.status(201).entity(view).cookie(cookies.issue(accepted.session())).build();
  }
}
