package com.switchboard.report;

import com.codahale.metrics.annotation.Timed;
import com.switchboard.auth.Caller;
import com.switchboard.platform.errors.BadRequestException;
import com.switchboard.platform.http.QueryParams;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

/** {@code /v1/metrics/…?from=&to=}: the last 30 days by default, at most 366 days. */
@Path("/v1/metrics")
@Produces(MediaType.APPLICATION_JSON)
public class MetricsResource {
  private static final Duration DEFAULT_WINDOW = Duration.ofDays(30);
  private static final Duration LONGEST_WINDOW = Duration.ofDays(366);

  private final Metrics metrics;
  private final Clock clock;

  public MetricsResource(Metrics metrics, Clock clock) {
    this.metrics = metrics;
    this.clock = clock;
  }

  @GET
  @Path("/incidents")
  @Timed
  @PermitAll
  public Metrics.IncidentMetrics incidents(
      @Auth Caller caller, @QueryParam("from") String from, @QueryParam("to") String to) {
    Instant[] window = window(from, to);
    return metrics.incidents(caller, window[0], window[1]);
  }

  @GET
  @Path("/support")
  @Timed
  @PermitAll
  public Metrics.SupportMetrics support(
      @Auth Caller caller, @QueryParam("from") String from, @QueryParam("to") String to) {
    Instant[] window = window(from, to);
    return metrics.support(caller, window[0], window[1]);
  }

  private Instant[] window(String rawFrom, String rawTo) {
    Instant to = QueryParams.instant("to", rawTo, clock.instant());
    Instant from = QueryParams.instant("from", rawFrom, to.minus(DEFAULT_WINDOW));
    if (!from.isBefore(to)) {
      throw new BadRequestException("invalid_parameter", "from", "must be before to");
    }
    if (Duration.between(from, to).compareTo(LONGEST_WINDOW) > 0) {
      throw new BadRequestException("invalid_parameter", "to", "the window is at most 366 days");
    }
    return new Instant[] {from, to};
  }
}
