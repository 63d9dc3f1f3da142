package com.switchboard.ticket.similar;

import com.codahale.metrics.annotation.Timed;
import com.switchboard.auth.Caller;
import com.switchboard.platform.http.QueryParams;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** A ticket's similar tickets: its group and the group's other tickets. */
@Path("/v1/tickets/{id}/similar")
@Produces(MediaType.APPLICATION_JSON)
public class SimilarTicketsResource {
  private final SimilarTickets similar;

  public SimilarTicketsResource(SimilarTickets similar) {
    this.similar = similar;
  }

  @GET
  @Timed
  @PermitAll
  public TicketGroup.Similar similar(
      @Auth Caller caller, @PathParam("id") String id, @QueryParam("limit") String limit) {
    return similar.similar(
        caller,
        QueryParams.pathId("ticket", id),
        QueryParams.intInRange("limit", limit, 20, 1, 200));
  }
}
