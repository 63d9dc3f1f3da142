package com.switchboard.ticket;

import com.codahale.metrics.annotation.Timed;
import com.switchboard.auth.Caller;
import com.switchboard.auth.Role;
import com.switchboard.platform.http.QueryParams;
import com.switchboard.platform.idempotency.Idempotent;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.PermitAll;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;

/** The tenant's impact rules and message templates, and an incident's customer impact. */
public final class SupportConfigResource {
  private SupportConfigResource() {}

  /** {@code /v1/impact-rules}: admins edit, everyone reads. */
  @Path("/v1/impact-rules")
  @Produces(MediaType.APPLICATION_JSON)
  @Consumes(MediaType.APPLICATION_JSON)
  public static class ImpactRulesResource {
    private final ImpactRules rules;

    public ImpactRulesResource(ImpactRules rules) {
      this.rules = rules;
    }

    @GET
    @Timed
    @PermitAll
    public ImpactRules.Rules list(@Auth Caller caller) {
      return new ImpactRules.Rules(rules.list(caller));
    }

    @POST
    @Timed
    @RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME})
    @Idempotent
    public Response create(@Auth Caller caller, @NotNull @Valid ImpactRules.Request request) {
      return Response.status(201).entity(rules.create(caller, request)).build();
    }

    @GET
    @Path("/{id}")
    @Timed
    @PermitAll
    public ImpactRule get(@Auth Caller caller, @PathParam("id") String id) {
      return rules.get(caller, QueryParams.pathId("impact rule", id));
    }

    @PUT
    @Path("/{id}")
    @Timed
    @RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME})
    public ImpactRule replace(
        @Auth Caller caller,
        @PathParam("id") String id,
        @NotNull @Valid ImpactRules.Request request) {
      return rules.replace(caller, QueryParams.pathId("impact rule", id), request);
    }

    @DELETE
    @Path("/{id}")
    @Timed
    @RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME})
    public Response delete(@Auth Caller caller, @PathParam("id") String id) {
      rules.delete(caller, QueryParams.pathId("impact rule", id));
      return Response.noContent().build();
    }
  }

  /** {@code /v1/message-templates}: one per event; admins edit, everyone reads. */
  @Path("/v1/message-templates")
  @Produces(MediaType.APPLICATION_JSON)
  @Consumes(MediaType.APPLICATION_JSON)
  public static class MessageTemplatesResource {
    public record Body(@NotBlank @Size(max = 5_000) String body) {}

    private final MessageTemplates templates;

    public MessageTemplatesResource(MessageTemplates templates) {
      this.templates = templates;
    }

    @GET
    @Timed
    @PermitAll
    public MessageTemplates.Templates list(@Auth Caller caller) {
      return templates.list(caller);
    }

    @PUT
    @Path("/{event}")
    @Timed
    @RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME})
    public MessageTemplates.Template put(
        @Auth Caller caller, @PathParam("event") String event, @NotNull @Valid Body request) {
      return templates.put(caller, event, request.body());
    }

    /** Back to the built-in text. */
    @DELETE
    @Path("/{event}")
    @Timed
    @RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME})
    public MessageTemplates.Template reset(@Auth Caller caller, @PathParam("event") String event) {
      return templates.reset(caller, event);
    }
  }

  /** {@code GET /v1/incidents/{id}/impact}: linked tickets, customers, tiers, rules fired. */
  @Path("/v1/incidents/{id}/impact")
  @Produces(MediaType.APPLICATION_JSON)
  public static class ImpactResource {
    private final TicketLinks links;

    public ImpactResource(TicketLinks links) {
      this.links = links;
    }

    @GET
    @Timed
    @PermitAll
    public CustomerImpact impact(@Auth Caller caller, @PathParam("id") String id) {
      return links.impact(caller, QueryParams.pathId("incident", id));
    }
  }
}
