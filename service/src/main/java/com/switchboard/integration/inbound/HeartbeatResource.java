package com.switchboard.integration.inbound;

import com.codahale.metrics.annotation.Timed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;

/**
 * A heartbeat's ping URL, for {@code curl -fsS} at the end of a cron job: GET, HEAD (Jersey answers
 * it through GET) and POST all ping; the body, if any, is ignored. No session, API key or CSRF
 * token: the key in the URL is the credential. Unknown key → 404, too many pings → 429, both JSON.
 */
@Path("/v1/heartbeats/{key}")
@Produces(MediaType.APPLICATION_JSON)
public class HeartbeatResource {
  /** The ping URL without its key, below the public URL. */
  static final String PATH = "/api/v1/heartbeats";

  private final HeartbeatMonitors monitors;

  public HeartbeatResource(HeartbeatMonitors monitors) {
    this.monitors = monitors;
  }

  @GET
  @Timed
  public HeartbeatMonitors.Pong get(@PathParam("key") String key) {
    return monitors.ping(key);
  }

  @POST
  @Timed
  @Consumes(MediaType.WILDCARD)
  public HeartbeatMonitors.Pong post(@PathParam("key") String key) {
    return monitors.ping(key);
  }
}
