package com.switchboard.user;

import com.codahale.metrics.annotation.Timed;
import com.switchboard.auth.Caller;
import com.switchboard.auth.Role;
import com.switchboard.platform.http.QueryParams;
import com.switchboard.platform.idempotency.Idempotent;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
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

@Path("/v1/users/invitations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class InvitationResource {
  /** The accept link is shown once, to the inviter, until invitation emails are sent. */
  public record CreatedInvitationView(Invitation invitation, String acceptUrl) {}

  public record InvitationList(List<Invitation> items) {}

  private final InvitationService invitations;

  public InvitationResource(InvitationService invitations) {
    this.invitations = invitations;
  }

  @POST
  @Timed
  @RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME})
  @Idempotent
  public Response invite(@Auth Caller caller, @NotNull @Valid UserRequests.Invite request) {
    InvitationService.CreatedInvitation created = invitations.invite(caller, request);
    return Response.status(201)
        .entity(new CreatedInvitationView(created.invitation(), created.acceptUrl()))
        .build();
  }

  @GET
  @Timed
  @RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME})
  public InvitationList listPending(@Auth Caller caller) {
    return new InvitationList(invitations.listPending(caller));
  }

  @DELETE
  @Path("/{id}")
  @Timed
  @RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME})
  public Response revoke(@Auth Caller caller, @PathParam("id") String id) {
    invitations.revoke(caller, QueryParams.pathId("invitation", id));
    return Response.noContent().build();
  }
}
