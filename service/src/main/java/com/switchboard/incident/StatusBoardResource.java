package com.switchboard.incident;

import com.codahale.metrics.annotation.Timed;
import com.switchboard.auth.Caller;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/** The status board: every service's health from its open incidents. Everyone may read it. */
@Path("/v1/status-board")
@Produces(MediaType.APPLICATION_JSON)
public class StatusBoardResource {
  private final StatusBoard board;

  public StatusBoardResource(StatusBoard board) {
    this.board = board;
  }

  @GET
  @Timed
  @PermitAll
  public StatusBoard.Board get(@Auth Caller caller) {
    return board.board(caller.tenantId());
  }
}
