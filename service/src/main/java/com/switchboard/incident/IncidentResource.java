package com.switchboard.incident;

import com.codahale.metrics.annotation.Timed;
import com.switchboard.auth.Caller;
import com.switchboard.auth.Role;
import com.switchboard.incident.IncidentService.Change;
import com.switchboard.incident.IncidentService.Transition;
import com.switchboard.incident.IncidentService.TriggerResult;
import com.switchboard.platform.errors.BadRequestException;
import com.switchboard.platform.errors.ConflictException;
import com.switchboard.platform.http.QueryParams;
import com.switchboard.platform.idempotency.Idempotent;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Incidents. Responders and admins work them; support agents may trigger, acknowledge, resolve and
 * escalate them (specialists are paged for SLA breaches) and add notes; everyone may read them.
 */
@Path("/v1/incidents")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class IncidentResource {
  private final IncidentService incidents;

  public IncidentResource(IncidentService incidents) {
    this.incidents = incidents;
  }

  /** 201 with the new incident, or 200 with the open incident a dedup key matched. */
  @POST
  @Timed
  @RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME, Role.RESPONDER_NAME, Role.AGENT_NAME})
  @Idempotent
  public Response trigger(@Auth Caller caller, @NotNull @Valid IncidentRequests.Trigger request) {
    TriggerResult result = incidents.trigger(caller, request);
    return Response.status(result.deduplicated() ? 200 : 201).entity(result).build();
  }

  /**
   * {@code ?status=triggered,acknowledged&serviceId=…&userId=…&before=<number>&limit=50}: {@code
   * items} and, by incident id, who each one {@code paged}.
   */
  @GET
  @Timed
  @PermitAll
  public IncidentService.IncidentList list(
      @Auth Caller caller,
      @QueryParam("status") String status,
      @QueryParam("serviceId") String serviceId,
      @QueryParam("userId") String userId,
      @QueryParam("before") String before,
      @QueryParam("limit") String limit) {
    return incidents.list(
        caller,
        statuses(status),
        QueryParams.optionalUuid("serviceId", serviceId),
        QueryParams.optionalUuid("userId", userId),
        QueryParams.optionalLong("before", before, 1, Long.MAX_VALUE),
        QueryParams.intInRange("limit", limit, 50, 1, 500));
  }

  @GET
  @Path("/{id}")
  @Timed
  @PermitAll
  public IncidentDetail get(@Auth Caller caller, @PathParam("id") String id) {
    return incidents.get(caller, QueryParams.pathId("incident", id));
  }

  @POST
  @Path("/{id}/acknowledge")
  @Timed
  @RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME, Role.RESPONDER_NAME, Role.AGENT_NAME})
  public Incident acknowledge(@Auth Caller caller, @PathParam("id") String id) {
    Transition t =
        incidents.acknowledge(
            caller.tenantId(), QueryParams.pathId("incident", id), Actor.of(caller));
    if (t.change() == Change.ALREADY_RESOLVED) {
      throw new ConflictException("incident is resolved");
    }
    return t.incident();
  }

  @POST
  @Path("/{id}/resolve")
  @Timed
  @RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME, Role.RESPONDER_NAME, Role.AGENT_NAME})
  public Incident resolve(@Auth Caller caller, @PathParam("id") String id) {
    return incidents
        .resolve(caller.tenantId(), QueryParams.pathId("incident", id), Actor.of(caller))
        .incident();
  }

  @POST
  @Path("/{id}/escalate")
  @Timed
  @RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME, Role.RESPONDER_NAME, Role.AGENT_NAME})
  public Incident escalate(@Auth Caller caller, @PathParam("id") String id) {
    Transition t =
        incidents.escalateNow(
            caller.tenantId(), QueryParams.pathId("incident", id), Actor.of(caller));
    if (t.change() == Change.ALREADY_RESOLVED) {
      throw new ConflictException("incident is resolved");
    }
    if (t.change() == Change.ALREADY_ACKNOWLEDGED) {
      throw new ConflictException("incident is acknowledged; reassign it to page someone else");
    }
    return t.incident();
  }

  @POST
  @Path("/{id}/reassign")
  @Timed
  @RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME, Role.RESPONDER_NAME})
  public IncidentDetail reassign(
      @Auth Caller caller,
      @PathParam("id") String id,
      @NotNull @Valid IncidentRequests.Reassign request) {
    return incidents.reassign(caller, QueryParams.pathId("incident", id), request);
  }

  @POST
  @Path("/{id}/responders")
  @Timed
  @RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME, Role.RESPONDER_NAME})
  public IncidentDetail addResponders(
      @Auth Caller caller,
      @PathParam("id") String id,
      @NotNull @Valid IncidentRequests.AddResponders request) {
    return incidents.addResponders(caller, QueryParams.pathId("incident", id), request);
  }

  @POST
  @Path("/{id}/notes")
  @Timed
  @RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME, Role.RESPONDER_NAME, Role.AGENT_NAME})
  @Idempotent
  public IncidentDetail addNote(
      @Auth Caller caller,
      @PathParam("id") String id,
      @NotNull @Valid IncidentRequests.Note request) {
    return incidents.addNote(caller, QueryParams.pathId("incident", id), request);
  }

  @POST
  @Path("/{id}/status-updates")
  @Timed
  @RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME, Role.RESPONDER_NAME})
  @Idempotent
  public IncidentDetail postStatusUpdate(
      @Auth Caller caller,
      @PathParam("id") String id,
      @NotNull @Valid IncidentRequests.StatusUpdate request) {
    return incidents.postStatusUpdate(caller, QueryParams.pathId("incident", id), request);
  }

  @PUT
  @Path("/{id}/urgency")
  @Timed
  @RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME, Role.RESPONDER_NAME})
  public IncidentDetail changeUrgency(
      @Auth Caller caller,
      @PathParam("id") String id,
      @NotNull @Valid IncidentRequests.ChangeUrgency request) {
    return incidents.changeUrgency(caller, QueryParams.pathId("incident", id), request);
  }

  private static List<IncidentStatus> statuses(String raw) {
    if (raw == null || raw.isBlank()) {
      return List.of();
    }
    List<IncidentStatus> statuses = new ArrayList<>();
    for (String part : raw.split(",", 4)) {
      try {
        statuses.add(IncidentStatus.valueOf(part.trim().toUpperCase(Locale.ROOT)));
      } catch (IllegalArgumentException e) {
        throw new BadRequestException(
            "invalid_parameter",
            "status",
            "must be a comma-separated list of triggered, acknowledged, resolved");
      }
    }
    return statuses;
  }
}
