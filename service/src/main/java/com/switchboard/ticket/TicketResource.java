package com.switchboard.ticket;

import com.codahale.metrics.annotation.Timed;
import com.switchboard.auth.Caller;
import com.switchboard.auth.Role;
import com.switchboard.platform.errors.BadRequestException;
import com.switchboard.platform.http.QueryParams;
import com.switchboard.platform.idempotency.Idempotent;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Support tickets. Agents and admins work them; responders read them and add internal notes;
 * everyone reads them.
 */
@Path("/v1/tickets")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TicketResource {
  private final TicketService tickets;
  private final TicketLinks links;

  public TicketResource(TicketService tickets, TicketLinks links) {
    this.tickets = tickets;
    this.links = links;
  }

  @POST
  @Timed
  @RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME, Role.AGENT_NAME})
  @Idempotent
  public Response create(@Auth Caller caller, @NotNull @Valid TicketRequests.Create request) {
    Ticket ticket = tickets.create(caller, request);
    return Response.status(201).entity(tickets.get(caller, ticket.id())).build();
  }

  /**
   * {@code ?status=new,open&assigneeId=…&customerId=…&serviceId=…&before=<number>&limit=50}, newest
   * first.
   */
  @GET
  @Timed
  @PermitAll
  public TicketViews.Items list(
      @Auth Caller caller,
      @QueryParam("status") String status,
      @QueryParam("assigneeId") String assigneeId,
      @QueryParam("customerId") String customerId,
      @QueryParam("serviceId") String serviceId,
      @QueryParam("before") String before,
      @QueryParam("limit") String limit) {
    return new TicketViews.Items(
        tickets.list(
            caller,
            statuses(status),
            QueryParams.optionalUuid("assigneeId", assigneeId),
            QueryParams.optionalUuid("customerId", customerId),
            QueryParams.optionalUuid("serviceId", serviceId),
            QueryParams.optionalLong("before", before, 1, Long.MAX_VALUE),
            QueryParams.intInRange("limit", limit, 50, 1, 500)));
  }

  @GET
  @Path("/{id}")
  @Timed
  @PermitAll
  public TicketViews.Detail get(@Auth Caller caller, @PathParam("id") String id) {
    return tickets.get(caller, QueryParams.pathId("ticket", id));
  }

  @PATCH
  @Path("/{id}")
  @Timed
  @RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME, Role.AGENT_NAME})
  public TicketViews.Detail update(
      @Auth Caller caller,
      @PathParam("id") String id,
      @NotNull @Valid TicketRequests.Update request) {
    return tickets.update(caller, QueryParams.pathId("ticket", id), request);
  }

  @PUT
  @Path("/{id}/status")
  @Timed
  @RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME, Role.AGENT_NAME})
  public TicketViews.Detail changeStatus(
      @Auth Caller caller,
      @PathParam("id") String id,
      @NotNull @Valid TicketRequests.ChangeStatus request) {
    return tickets.changeStatus(caller, QueryParams.pathId("ticket", id), request.status());
  }

  @PUT
  @Path("/{id}/assignee")
  @Timed
  @RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME, Role.AGENT_NAME})
  public TicketViews.Detail assign(
      @Auth Caller caller,
      @PathParam("id") String id,
      @NotNull @Valid TicketRequests.Assign request) {
    return tickets.assign(caller, QueryParams.pathId("ticket", id), request.assigneeId());
  }

  /** A public reply to the customer. */
  @POST
  @Path("/{id}/replies")
  @Timed
  @RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME, Role.AGENT_NAME})
  @Idempotent
  public TicketViews.Detail reply(
      @Auth Caller caller,
      @PathParam("id") String id,
      @NotNull @Valid TicketRequests.Comment request) {
    return tickets.reply(caller, QueryParams.pathId("ticket", id), request.body());
  }

  /** What the customer wrote, relayed by an agent (helpdesks relay it through their webhook). */
  @POST
  @Path("/{id}/customer-replies")
  @Timed
  @RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME, Role.AGENT_NAME})
  public TicketViews.Detail customerReply(
      @Auth Caller caller,
      @PathParam("id") String id,
      @NotNull @Valid TicketRequests.Comment request) {
    return tickets.customerReply(caller, QueryParams.pathId("ticket", id), request.body());
  }

  /** An internal note: never shown to the customer. */
  @POST
  @Path("/{id}/notes")
  @Timed
  @RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME, Role.AGENT_NAME, Role.RESPONDER_NAME})
  @Idempotent
  public TicketViews.Detail note(
      @Auth Caller caller,
      @PathParam("id") String id,
      @NotNull @Valid TicketRequests.Comment request) {
    return tickets.note(caller, QueryParams.pathId("ticket", id), request.body());
  }

  /**
   * Opens an incident on the service (the ticket's unless {@code serviceId} says another) with the
   * ticket's context, and links the ticket to it. The body may be empty.
   */
  @POST
  @Path("/{id}/escalate")
  @Timed
  @RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME, Role.AGENT_NAME})
  public Response escalate(
      @Auth Caller caller,
      @PathParam("id") String id,
      @NotNull @Valid TicketLinks.Escalate request) {
    return Response.status(201)
        .entity(links.escalate(caller, QueryParams.pathId("ticket", id), request))
        .build();
  }

  @POST
  @Path("/{id}/link")
  @Timed
  @RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME, Role.AGENT_NAME})
  public TicketViews.Detail link(
      @Auth Caller caller, @PathParam("id") String id, @NotNull @Valid TicketLinks.Link request) {
    return links.link(caller, QueryParams.pathId("ticket", id), request.incidentId());
  }

  @DELETE
  @Path("/{id}/link")
  @Timed
  @RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME, Role.AGENT_NAME})
  public TicketViews.Detail unlink(@Auth Caller caller, @PathParam("id") String id) {
    return links.unlink(caller, QueryParams.pathId("ticket", id));
  }

  /** "Does engineering know?" {@code ?serviceId=…} (the ticket's service by default). */
  @GET
  @Path("/{id}/engineering-status")
  @Timed
  @PermitAll
  public TicketLinks.EngineeringStatus engineeringStatus(
      @Auth Caller caller, @PathParam("id") String id, @QueryParam("serviceId") String serviceId) {
    return links.engineeringStatus(
        caller, QueryParams.pathId("ticket", id), QueryParams.optionalUuid("serviceId", serviceId));
  }

  private static List<TicketStatus> statuses(String raw) {
    if (raw == null || raw.isBlank()) {
      return List.of();
    }
    List<TicketStatus> statuses = new ArrayList<>();
    for (String part : raw.split(",", 7)) {
      try {
        statuses.add(TicketStatus.valueOf(part.trim().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new BadRequestException(
            "invalid_parameter",
            "status",
            "must be a comma-separated list of new, open, pending, on_hold, solved, closed");
      }
    }
    return statuses;
  }
}
