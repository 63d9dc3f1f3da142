package com.switchboard.escalation;

import com.codahale.metrics.annotation.Timed;
import com.switchboard.auth.Caller;
import com.switchboard.paging.Urgency;
import com.switchboard.platform.errors.BadRequestException;
import com.switchboard.platform.http.QueryParams;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.Locale;

/**
 * Who each step of a policy would page at an instant; any role may read it. A class of its own
 * path, more specific than {@code /v1/escalation-policies}, so JAX-RS routes it here.
 */
@Path("/v1/escalation-policies/{id}/preview")
@Produces(MediaType.APPLICATION_JSON)
public class PolicyPreviewResource {
  private final PolicyPreview previews;

  public PolicyPreviewResource(PolicyPreview previews) {
    this.previews = previews;
  }

  @GET
  @Timed
  @PermitAll
  public PolicyPreview.Preview preview(
      @Auth Caller caller,
      @PathParam("id") String id,
      @QueryParam("at") String at,
      @QueryParam("urgency") String urgency) {
    return previews.preview(
        caller,
        QueryParams.pathId("escalation policy", id),
        QueryParams.instant("at", at, null),
        urgency(urgency));
  }

  private static Urgency urgency(String raw) {
    if (raw == null || raw.isBlank()) {
      return Urgency.HIGH;
    }
    return switch (raw.trim().toLowerCase(Locale.ROOT)) {
      case "high" -> Urgency.HIGH;
      case "low" -> Urgency.LOW;
      default ->
          throw new BadRequestException("invalid_parameter", "urgency", "must be high or low");
    };
  }
}
