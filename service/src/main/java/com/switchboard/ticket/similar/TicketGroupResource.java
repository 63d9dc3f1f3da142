package com.switchboard.ticket.similar;

import com.codahale.metrics.annotation.Timed;
import com.switchboard.auth.Caller;
import com.switchboard.platform.errors.BadRequestException;
import com.switchboard.platform.http.QueryParams;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

/** Groups of similar tickets; everyone may read them. */
@Path("/v1/ticket-groups")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TicketGroupResource {
  public record GroupList(List<TicketGroup> items) {}

  private final SimilarTickets similar;

  public TicketGroupResource(SimilarTickets similar) {
    this.similar = similar;
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
