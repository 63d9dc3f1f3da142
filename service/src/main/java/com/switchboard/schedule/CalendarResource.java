package com.switchboard.schedule;

import com.codahale.metrics.annotation.Timed;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Response;

/** The public side of calendar feeds: the secret token in the URL is the credential. */
@Path("/v1/calendar")
public class CalendarResource {
  private final CalendarFeedService feeds;

  public CalendarResource(CalendarFeedService feeds) {
    this.feeds = feeds;
  }

  @GET
  @Path("/{token}.ics")
  @Timed
  @Produces("text/calendar")
  public Response feed(@PathParam("token") String token) {
    return Response.ok(feeds.render(token), "text/calendar; charset=utf-8")
        .header("Cache-Control", "private, max-age=300")
        .build();
  }
}
