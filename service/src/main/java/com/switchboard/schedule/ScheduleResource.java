package com.switchboard.schedule;

import com.codahale.metrics.annotation.Timed;
import com.switchboard.auth.Caller;
import com.switchboard.auth.Role;
import com.switchboard.platform.errors.BadRequestException;
import com.switchboard.platform.http.QueryParams;
import com.switchboard.platform.idempotency.Idempotent;
import com.switchboard.schedule.ScheduleRequests.CreateOverride;
import com.switchboard.schedule.ScheduleRequests.CreateSchedule;
import com.switchboard.schedule.ScheduleRequests.LayerInput;
import com.switchboard.schedule.ScheduleRequests.OverrideBatch;
import com.switchboard.schedule.ScheduleRequests.UpdateSchedule;
import com.switchboard.schedule.ScheduleViews.OnCallView;
import com.switchboard.schedule.ScheduleViews.OverrideList;
import com.switchboard.schedule.ScheduleViews.OverrideView;
import com.switchboard.schedule.ScheduleViews.ScheduleList;
import com.switchboard.schedule.ScheduleViews.ScheduleView;
import com.switchboard.schedule.ScheduleViews.ShiftsView;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.PATCH;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

@Path("/v1/schedules")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ScheduleResource {
  private final ScheduleService schedules;
  private final OnCallService onCall;

  public ScheduleResource(ScheduleService schedules, OnCallService onCall) {
    this.schedules = schedules;
    this.onCall = onCall;
  }

  @GET
  @Timed
  @PermitAll
  public ScheduleList list(@Auth Caller caller) {
    return new ScheduleList(schedules.list(caller));
  }

  @POST
  @Timed
  @RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME})
  @Idempotent
  public Response create(@Auth Caller caller, @NotNull @Valid CreateSchedule request) {
    return Response.status(201).entity(schedules.create(caller, request)).build();
  }

  /** {@code ?history=true} includes layer versions that have ended. */
  @GET
  @Path("/{id}")
  @Timed
  @PermitAll
  public ScheduleView get(
      @Auth Caller caller, @PathParam("id") String id, @QueryParam("history") String history) {
    return schedules.get(caller, id(id), "true".equals(history));
  }

  @PATCH
  @Path("/{id}")
  @Timed
  @RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME})
  public ScheduleView update(
      @Auth Caller caller, @PathParam("id") String id, @NotNull @Valid UpdateSchedule request) {
    return schedules.update(caller, id(id), request);
  }

  @DELETE
  @Path("/{id}")
  @Timed
  @RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME})
  public Response delete(@Auth Caller caller, @PathParam("id") String id) {
    schedules.delete(caller, id(id));
    return Response.noContent().build();
  }

  @POST
  @Path("/{id}/layers")
  @Timed
  @RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME})
  @Idempotent
  public Response addLayer(
      @Auth Caller caller, @PathParam("id") String id, @NotNull @Valid LayerInput request) {
    return Response.status(201).entity(schedules.addLayer(caller, id(id), request)).build();
  }

  /** A new version of the layer from {@code start} (default now); history stays as it was. */
  @PUT
  @Path("/{id}/layers/{layerId}")
  @Timed
  @RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME})
  public ScheduleView editLayer(
      @Auth Caller caller,
      @PathParam("id") String id,
      @PathParam("layerId") String layerId,
      @NotNull @Valid LayerInput request) {
    return schedules.editLayer(caller, id(id), QueryParams.pathId("layer", layerId), request);
  }

  @DELETE
  @Path("/{id}/layers/{layerId}")
  @Timed
  @RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME})
  public ScheduleView endLayer(
      @Auth Caller caller, @PathParam("id") String id, @PathParam("layerId") String layerId) {
    return schedules.endLayer(caller, id(id), QueryParams.pathId("layer", layerId));
  }

  /** Final shifts, per-layer shifts and gaps in {@code [from, to)} (default: the next 7 days). */
  @GET
  @Path("/{id}/shifts")
  @Timed
  @PermitAll
  public ShiftsView shifts(
      @Auth Caller caller,
      @PathParam("id") String id,
      @QueryParam("from") String from,
      @QueryParam("to") String to) {
    Instant start = QueryParams.instant("from", from, onCall.now());
    Instant end = QueryParams.instant("to", to, start.plus(Duration.ofDays(7)));
    checkWindow(start, end);
    return onCall.shifts(caller, id(id), start, end);
  }

  @GET
  @Path("/{id}/oncall")
  @Timed
  @PermitAll
  public OnCallView onCall(
      @Auth Caller caller, @PathParam("id") String id, @QueryParam("at") String at) {
    return onCall.onCall(caller, id(id), QueryParams.instant("at", at, onCall.now()));
  }

  @GET
  @Path("/{id}/overrides")
  @Timed
  @PermitAll
  public OverrideList overrides(
      @Auth Caller caller,
      @PathParam("id") String id,
      @QueryParam("from") String from,
      @QueryParam("to") String to) {
    Instant start = QueryParams.instant("from", from, onCall.now());
    Instant end = QueryParams.instant("to", to, start.plus(Duration.ofDays(30)));
    checkWindow(start, end);
    return new OverrideList(schedules.listOverrides(caller, id(id), start, end));
  }

  @POST
  @Path("/{id}/overrides")
  @Timed
  @RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME, Role.RESPONDER_NAME, Role.AGENT_NAME})
  @Idempotent
  public Response createOverride(
      @Auth Caller caller, @PathParam("id") String id, @NotNull @Valid CreateOverride request) {
    List<OverrideView> created = schedules.createOverrides(caller, id(id), List.of(request));
    return Response.status(201).entity(created.get(0)).build();
  }

  /** Several overrides at once, atomically; a shift swap is two. */
  @POST
  @Path("/{id}/overrides/batch")
  @Timed
  @RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME, Role.RESPONDER_NAME, Role.AGENT_NAME})
  @Idempotent
  public Response createOverrides(
      @Auth Caller caller, @PathParam("id") String id, @NotNull @Valid OverrideBatch request) {
    return Response.status(201)
        .entity(new OverrideList(schedules.createOverrides(caller, id(id), request.overrides())))
        .build();
  }

  @DELETE
  @Path("/{id}/overrides/{overrideId}")
  @Timed
  @RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME, Role.RESPONDER_NAME, Role.AGENT_NAME})
  public Response deleteOverride(
      @Auth Caller caller, @PathParam("id") String id, @PathParam("overrideId") String overrideId) {
    schedules.deleteOverride(caller, id(id), QueryParams.pathId("override", overrideId));
    return Response.noContent().build();
  }

  private static UUID id(String raw) {
    return QueryParams.pathId("schedule", raw);
  }

  private static void checkWindow(Instant from, Instant to) {
    if (!to.isAfter(from)) {
      throw new BadRequestException("invalid_parameter", "to", "must be after from");
    }
    if (Duration.between(from, to).compareTo(OnCallService.MAX_WINDOW) > 0) {
      throw new BadRequestException(
          "invalid_parameter", "to", "must be at most 366 days after from");
    }
  }
}
