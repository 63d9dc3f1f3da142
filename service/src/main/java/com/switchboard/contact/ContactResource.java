package com.switchboard.contact;

import com.codahale.metrics.annotation.Timed;
import com.switchboard.auth.Caller;
import com.switchboard.contact.ContactRequests.AddContactMethod;
import com.switchboard.contact.ContactRequests.AddRule;
import com.switchboard.contact.ContactRequests.Verify;
import com.switchboard.contact.ContactService.ContactMethodView;
import com.switchboard.platform.http.QueryParams;
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

/**
 * A user's contact methods and notification rules. Reading is open to the tenant; changes are
 * checked in {@link ContactService} (the user, signed in, or an admin).
 */
@Path("/v1/users/{userId}")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ContactResource {
  public record MethodList(List<ContactMethod> items) {}

  public record RuleList(List<NotificationRule> items) {}

  private final ContactService contacts;

  public ContactResource(ContactService contacts) {
    this.contacts = contacts;
  }

  @GET
  @Path("/contact-methods")
  @Timed
  @PermitAll
  public MethodList methods(@Auth Caller caller, @PathParam("userId") String userId) {
    return new MethodList(contacts.methods(caller, QueryParams.pathId("user", userId)));
  }

  @POST
  @Path("/contact-methods")
  @Timed
  @PermitAll
  public Response add(
      @Auth Caller caller,
      @PathParam("userId") String userId,
      @NotNull @Valid AddContactMethod request) {
    ContactMethodView view = contacts.add(caller, QueryParams.pathId("user", userId), request);
    return Response.status(201).entity(view).build();
  }

  @POST
  @Path("/contact-methods/{id}/send-code")
  @Timed
  @PermitAll
  public ContactMethodView resend(
      @Auth Caller caller, @PathParam("userId") String userId, @PathParam("id") String id) {
    return contacts.resendCode(
        caller, QueryParams.pathId("user", userId), QueryParams.pathId("contact method", id));
  }

  @POST
  @Path("/contact-methods/{id}/verify")
  @Timed
  @PermitAll
  public ContactMethod verify(
      @Auth Caller caller,
      @PathParam("userId") String userId,
      @PathParam("id") String id,
      @NotNull @Valid Verify request) {
    return contacts.verify(
        caller,
        QueryParams.pathId("user", userId),
        QueryParams.pathId("contact method", id),
        request.code());
  }

  @DELETE
  @Path("/contact-methods/{id}")
  @Timed
  @PermitAll
  public Response delete(
      @Auth Caller caller, @PathParam("userId") String userId, @PathParam("id") String id) {
    contacts.delete(
        caller, QueryParams.pathId("user", userId), QueryParams.pathId("contact method", id));
    return Response.noContent().build();
  }

  @GET
  @Path("/notification-rules")
  @Timed
  @PermitAll
  public RuleList rules(@Auth Caller caller, @PathParam("userId") String userId) {
    return new RuleList(contacts.rules(caller, QueryParams.pathId("user", userId)));
  }

  @POST
  @Path("/notification-rules")
  @Timed
  @PermitAll
  public Response addRule(
      @Auth Caller caller, @PathParam("userId") String userId, @NotNull @Valid AddRule request) {
    return Response.status(201)
        .entity(contacts.addRule(caller, QueryParams.pathId("user", userId), request))
        .build();
  }

  @DELETE
  @Path("/notification-rules/{id}")
  @Timed
  @PermitAll
  public Response deleteRule(
      @Auth Caller caller, @PathParam("userId") String userId, @PathParam("id") String id) {
    contacts.deleteRule(
        caller, QueryParams.pathId("user", userId), QueryParams.pathId("notification rule", id));
    return Response.noContent().build();
  }
}
