package com.switchboard.integration.inbound;

import com.codahale.metrics.annotation.Timed;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.util.List;

/**
 * Where monitoring tools send events. No session, API key or CSRF token: the integration key is the
 * credential (in the body's {@code routing_key}, or in the URL for tools that cannot shape their
 * body). {@code POST /v2/enqueue}, PagerDuty's path, is forwarded here by {@link EnqueuePath}.
 * Bodies of any content type are read as JSON, as PagerDuty does; the body limit is 512 KB.
 */
@Path("/v1/integrations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.WILDCARD)
public class InboundEventsResource {
  /** Below {@code /api/}: the paths whose bodies this resource limits itself (512 KB). */
  public static final List<String> OWN_LIMIT_PATHS =
      List.of(
          "v1/integrations/events", "v1/integrations/alertmanager/", "v1/integrations/generic/");

  private final InboundEvents events;

  public InboundEventsResource(InboundEvents events) {
    this.events = events;
  }

  @POST
  @Path("/events")
  @Timed
  public Response eventsV2(InputStream body) {
    return accepted(events.eventsV2(body));
  }

  @POST
  @Path("/alertmanager/{key}")
  @Timed
  public Response alertmanager(@PathParam("key") String key, InputStream body) {
    return accepted(events.webhook(IntegrationType.ALERTMANAGER, key, body));
  }

  @POST
  @Path("/generic/{key}")
  @Timed
  public Response generic(@PathParam("key") String key, InputStream body) {
    return accepted(events.webhook(IntegrationType.GENERIC, key, body));
  }

  private static Response accepted(InboundEvents.Accepted answer) {
    return Response.status(202).entity(answer).build();
  }
}
