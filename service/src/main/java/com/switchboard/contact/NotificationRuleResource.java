package com.switchboard.contact;

import com.codahale.metrics.annotation.Timed;
import com.switchboard.auth.Caller;
import com.switchboard.contact.ContactRequests.AddRule;
import com.switchboard.platform.http.QueryParams;
import com.switchboard.platform.idempotency.Idempotent;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.PermitAll;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotNull;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;

/** A user's notification rules: which contact method, for which urgency, after how long. */
@Path("/v1/users/{userId}/notification-rules")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class NotificationRuleResource {
  public record RuleList(List<NotificationRule> items) {}

  private final ContactService contacts;

  public NotificationRuleResource(ContactService contacts) {
    this.contacts = contacts;
  }

  @GET
  @Timed
  @PermitAll
  public RuleList rules(@Auth Caller caller, @PathParam("userId") String userId) {
    return new RuleList(contacts.rules(caller, QueryParams.pathId("user", userId)));
  }

  @POST
  @Timed
  @PermitAll
  @Idempotent
  public Response addRule(
      @Auth Caller caller, @PathParam("userId") String userId, @NotNull @Valid AddRule request) {
    return Response.status(201)
        .entity(contacts.addRule(caller, QueryParams.pathId("user", userId), request))
        .build();
  }

  @DELETE
  @Path("/{id}")
  @Timed
  @PermitAll
  public Response deleteRule(
      @Auth Caller caller, @PathParam("userId") String userId, @PathParam("id") String id) {
    contacts.deleteRule(
        caller, QueryParams.pathId("user", userId), QueryParams.pathId("notification rule", id));
    return Response.noContent().build();
  }
}
