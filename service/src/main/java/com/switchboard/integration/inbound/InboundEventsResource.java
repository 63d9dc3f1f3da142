package com.switchboard.integration.inbound;

import com.codahale.metrics.annotation.Timed;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.container.AsyncResponse;
import jakarta.ws.rs.container.Suspended;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.InputStream;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.LongSupplier;
import java.util.function.Supplier;
import org.eclipse.jetty.ee10.servlet.ServletContextRequest;

/**
 * Where monitoring tools send events. No session, API key or CSRF token: the integration key is the
 * credential (in the body's {@code routing_key}, or in the URL for tools that cannot shape their
 * body). {@code POST /v2/enqueue}, PagerDuty's path, is forwarded here by {@link EnqueuePath}.
 * Bodies of any content type are read as JSON, as PagerDuty does; the body limit is 512 KB. Answers
 * are asynchronous: a request waiting for the intake's commit holds no thread.
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
  private final LongSupplier nanoTime;

  /** {@code nanoTime}: the clock a request's age is read on, as Jetty's {@link System#nanoTime}. */
  public InboundEventsResource(InboundEvents events, LongSupplier nanoTime) {
    this.events = events;
    this.nanoTime = nanoTime;
  }

  @POST
  @Path("/events")
  @Timed
  public void eventsV2(
      @Context HttpServletRequest request, InputStream body, @Suspended AsyncResponse answer) {
    answer(answer, () -> admitted(request, IntegrationType.EVENTS_V2).eventsV2(body));
  }

  @POST
  @Path("/alertmanager/{key}")
  @Timed
  public void alertmanager(
      @Context HttpServletRequest request,
      @PathParam("key") String key,
      InputStream body,
      @Suspended AsyncResponse answer) {
    IntegrationType type = IntegrationType.ALERTMANAGER;
    answer(answer, () -> admitted(request, type).webhook(type, key, body));
  }

  @POST
  @Path("/generic/{key}")
  @Timed
  public void generic(
      @Context HttpServletRequest request,
      @PathParam("key") String key,
      InputStream body,
      @Suspended AsyncResponse answer) {
    IntegrationType type = IntegrationType.GENERIC;
    answer(answer, () -> admitted(request, type).webhook(type, key, body));
  }

  private InboundEvents admitted(HttpServletRequest request, IntegrationType type) {
    ServletContextRequest jetty = ServletContextRequest.getServletContextRequest(request);
    if (jetty != null) {
      events.admit(type, Duration.ofNanos(nanoTime.getAsLong() - jetty.getBeginNanoTime()));
    }
    return events;
  }

  /** Resumes with 202 once the intake has committed, or with the refusal (mapped as thrown). */
  private static void answer(
      AsyncResponse answer, Supplier<CompletableFuture<InboundEvents.Accepted>> work) {
    CompletableFuture<InboundEvents.Accepted> accepted;
    try {
      accepted = work.get();
    } catch (RuntimeException e) {
      answer.resume(e);
      return;
    }
    accepted.whenComplete(
        (body, failure) -> {
          if (failure == null) {
            answer.resume(Response.status(202).entity(body).build());
          } else {
            answer.resume(
                failure instanceof CompletionException && failure.getCause() != null
                    ? failure.getCause()
                    : failure);
          }
        });
  }
}
