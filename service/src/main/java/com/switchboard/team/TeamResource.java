package com.switchboard.team;

import com.codahale.metrics.annotation.Timed;
import com.switchboard.auth.Caller;
import com.switchboard.auth.Role;
import com.switchboard.platform.http.QueryParams;
import com.switchboard.platform.idempotency.Idempotent;
import com.switchboard.user.UserId;
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
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

@Path("/v1/teams")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class TeamResource {
  public record TeamList(List<Team> items) {}

  private final TeamService teams;

  public TeamResource(TeamService teams) {
    this.teams = teams;
  }

  @GET
  @Timed
  @PermitAll
  public TeamList list(@Auth Caller caller) {
    return new TeamList(teams.listTeams(caller));
  }

  @POST
  @Timed
  @RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME})
  @Idempotent
  public Response create(@Auth Caller caller, @NotNull @Valid TeamRequests.CreateTeam request) {
    return Response.status(201).entity(teams.createTeam(caller, request)).build();
  }

  @GET
  @Path("/{id}")
  @Timed
  @PermitAll
  public TeamDetail get(@Auth Caller caller, @PathParam("id") String id) {
    return teams.getTeam(caller, QueryParams.pathId("team", id));
  }

  @PATCH
  @Path("/{id}")
  @Timed
  @RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME})
  public TeamDetail update(
      @Auth Caller caller,
      @PathParam("id") String id,
      @NotNull @Valid TeamRequests.UpdateTeam request) {
    return teams.updateTeam(caller, QueryParams.pathId("team", id), request);
  }

  @DELETE
  @Path("/{id}")
  @Timed
  @RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME})
  public Response delete(@Auth Caller caller, @PathParam("id") String id) {
    teams.deleteTeam(caller, QueryParams.pathId("team", id));
    return Response.noContent().build();
  }

  /** Idempotent: adding a member twice leaves one membership. */
  @PUT
  @Path("/{id}/members/{userId}")
  @Timed
  @RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME})
  public TeamDetail addMember(
      @Auth Caller caller, @PathParam("id") String id, @PathParam("userId") String userId) {
    return teams.addMember(
        caller, QueryParams.pathId("team", id), new UserId(QueryParams.pathId("user", userId)));
  }

  @DELETE
  @Path("/{id}/members/{userId}")
  @Timed
  @RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME})
  public TeamDetail removeMember(
      @Auth Caller caller, @PathParam("id") String id, @PathParam("userId") String userId) {
    return teams.removeMember(
        caller, QueryParams.pathId("team", id), new UserId(QueryParams.pathId("user", userId)));
  }
}
