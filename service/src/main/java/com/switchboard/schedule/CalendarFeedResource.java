package com.switchboard.schedule;

import com.codahale.metrics.annotation.Timed;
import com.switchboard.auth.Caller;
import com.switchboard.platform.errors.ValidationException;
import com.switchboard.platform.http.QueryParams;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.UUID;

/** Creates and revokes secret calendar URLs. The feeds themselves: {@link CalendarResource}. */
@Path("/v1/calendar-feeds")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class CalendarFeedResource {
  /** Exactly one of the two: a schedule's shifts, or one user's shifts on every schedule. */
  public record CreateFeed(UUID scheduleId, UUID userId) {}

  private final CalendarFeedService feeds;

  public CalendarFeedResource(CalendarFeedService feeds) {
    this.feeds = feeds;
  }

  @POST
  @Timed
  @PermitAll
  public Response create(@Auth Caller caller, @NotNull @Valid CreateFeed request) {
    if ((request.scheduleId() == null) == (request.userId() == null)) {
      throw new ValidationException("scheduleId", "give exactly one of scheduleId and userId");
    }
    return Response.status(201)
        .entity(
            request.scheduleId() != null
                ? feeds.createForSchedule(caller, request.scheduleId())
                : feeds.createForUser(caller, request.userId()))
        .build();
  }

  @DELETE
  @Path("/{id}")
  @Timed
  @PermitAll
  public Response revoke(@Auth Caller caller, @PathParam("id") String id) {
    feeds.revoke(caller, QueryParams.pathId("calendar feed", id));
    return Response.noContent().build();
  }
}
