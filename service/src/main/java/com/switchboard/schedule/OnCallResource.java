package com.switchboard.schedule;

import com.codahale.metrics.annotation.Timed;
import com.switchboard.auth.Caller;
import com.switchboard.platform.http.QueryParams;
import com.switchboard.schedule.ScheduleViews.TenantOnCall;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.PermitAll;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;

/** Who is on call across the tenant: {@code ?at=}, {@code ?teamId=}, {@code ?userId=}. */
@Path("/v1/oncall")
@Produces(MediaType.APPLICATION_JSON)
public class OnCallResource {
  private final OnCallService onCall;

  public OnCallResource(OnCallService onCall) {
    this.onCall = onCall;
  }

  @GET
  @Timed
  @PermitAll
  public TenantOnCall onCall(
      @Auth Caller caller,
      @QueryParam("at") String at,
      @QueryParam("teamId") String teamId,
      @QueryParam("userId") String userId) {
    return onCall.tenantOnCall(
        caller,
        QueryParams.instant("at", at, onCall.now()),
        QueryParams.optionalUuid("teamId", teamId),
        QueryParams.optionalUuid("userId", userId));
  }
}
