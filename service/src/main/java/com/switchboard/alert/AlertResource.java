package com.switchboard.alert;

import com.codahale.metrics.annotation.Timed;
import com.switchboard.auth.Caller;
import com.switchboard.platform.http.QueryParams;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** An incident's alerts; everyone who may read incidents may read them. */
@Path("/v1/incidents/{id}/alerts")
@Produces(MediaType.APPLICATION_JSON)
public class AlertResource {
  private final AlertReads reads;

  public AlertResource(AlertReads reads) {
    this.reads = reads;
  }

  /** {@code ?before=<alert id>&limit=50}: newest first; {@code next} pages on. */
  @GET
  @Timed
  @PermitAll
  public AlertReads.AlertPage list(
      @Auth Caller caller,
      @PathParam("id") String id,
      @QueryParam("before") String before,
      @QueryParam("limit") String limit) {
    return reads.page(
        caller,
        QueryParams.pathId("incident", id),
        QueryParams.optionalUuid("before", before),
        QueryParams.intInRange("limit", limit, 50, 1, 500));
  }
}
