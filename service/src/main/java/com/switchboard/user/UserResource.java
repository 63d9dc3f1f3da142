package com.switchboard.user;

import com.codahale.metrics.annotation.Timed;
import com.switchboard.auth.Caller;
import com.switchboard.auth.Role;
import com.switchboard.platform.http.QueryParams;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import java.util.List;

@Path("/v1/users")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class UserResource {
  public record UserList(List<UserView> items) {}

  private final UserService users;

  public UserResource(UserService users) {
    this.users = users;
  }

  @GET
  @Timed
  @PermitAll
  public UserList list(@Auth Caller caller) {
    return new UserList(users.list(caller).stream().map(UserView::of).toList());
  }

  @GET
  @Path("/{id}")
  @Timed
  @PermitAll
  public UserView get(@Auth Caller caller, @PathParam("id") String id) {
    return UserView.of(users.get(caller, new UserId(QueryParams.pathId("user", id))));
  }

  /** Anyone may edit their own name and time zone; admins may edit others and change roles. */
  @PATCH
  @Path("/{id}")
  @Timed
  @PermitAll
  public UserView update(
      @Auth Caller caller,
      @PathParam("id") String id,
      @NotNull @Valid UserRequests.UpdateUser request) {
    return UserView.of(users.update(caller, new UserId(QueryParams.pathId("user", id)), request));
  }

  @POST
  @Path("/{id}/deactivate")
  @Timed
  @RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME})
  public UserView deactivate(@Auth Caller caller, @PathParam("id") String id) {
    return UserView.of(users.setActive(caller, new UserId(QueryParams.pathId("user", id)), false));
  }

  @POST
  @Path("/{id}/reactivate")
  @Timed
  @RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME})
  public UserView reactivate(@Auth Caller caller, @PathParam("id") String id) {
    return UserView.of(users.setActive(caller, new UserId(QueryParams.pathId("user", id)), true));
  }
}
