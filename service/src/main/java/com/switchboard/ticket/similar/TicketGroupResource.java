package com.switchboard.ticket.similar;

import com.codahale.metrics.annotation.Timed;
import com.switchboard.auth.Caller;
import com.switchboard.auth.Role;
import com.switchboard.platform.errors.BadRequestException;
import com.switchboard.platform.http.QueryParams;
import com.switchboard.ticket.TicketLinks;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/**
 * Groups of similar tickets: everyone may read them; owners, admins and agents escalate one to an
 * incident.
 */
@Path("/v1/ticket-groups")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TicketGroupResource {
  public record GroupList(List<TicketGroup> items) {}

  private final SimilarTickets similar;
  private final GroupEscalation escalation;

  public TicketGroupResource(SimilarTickets similar, GroupEscalation escalation) {
    this.similar = similar;
    this.escalation = escalation;
  }

  /** {@code ?surging=true&limit=50}: groups newest first, or only those surging now. */
  @GET
  @Timed
  @PermitAll
  public GroupList list(
      @Auth Caller caller,
      @QueryParam("surging") String surging,
      @QueryParam("limit") String limit) {
    return new GroupList(
        similar.list(
            caller, flag("surging", surging), QueryParams.intInRange("limit", limit, 50, 1, 200)));
  }

  @GET
  @Path("/{id}")
  @Timed
  @PermitAll
  public TicketGroup.Detail get(
      @Auth Caller caller, @PathParam("id") String id, @QueryParam("limit") String limit) {
    return similar.get(
        caller,
        QueryParams.pathId("ticket group", id),
        QueryParams.intInRange("limit", limit, 100, 1, 500));
  }

  /**
   * One incident for the whole group: 201 when the newest open ticket escalated to a new incident,
   * 200 when the group's tickets joined the open incident one of them was already linked to. The
   * body is {@code {serviceId?, urgency?}} ({@code {}} will do), as for a ticket's escalation.
   */
  @POST
  @Path("/{id}/escalate")
  @Timed
  @RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME, Role.AGENT_NAME})
  public Response escalate(
      @Auth Caller caller,
      @PathParam("id") String id,
      @NotNull @Valid TicketLinks.Escalate request) {
    GroupEscalation.Result result =
        escalation.escalate(caller, QueryParams.pathId("ticket group", id), request);
    return Response.status(result.opened() ? 201 : 200).entity(result).build();
  }

  private static boolean flag(String name, String raw) {
    if (raw == null || raw.isBlank() || raw.equals("false")) {
      return false;
    }
    if (raw.equals("true")) {
      return true;
    }
    throw new BadRequestException("invalid_parameter", name, "must be true or false");
  }
}
