package com.switchboard.contact;

import com.codahale.metrics.annotation.Timed;
import com.switchboard.auth.Caller;
import com.switchboard.contact.ContactRequests.AddContactMethod;
import com.switchboard.contact.ContactRequests.Verify;
import com.switchboard.contact.ContactService.ContactMethodView;
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

/**
 * A user's contact methods. Reading is open to the tenant; changes are checked in {@link
 * ContactService} (the user, signed in, or an admin). A class of its own path, so that it does not
 * shadow {@code /v1/users/{id}}.
 */
@Path("/v1/users/{userId}/contact-methods")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class ContactResource {
  public record MethodList(List<ContactMethod> items) {}

  private final ContactService contacts;

  public ContactResource(ContactService contacts) {
    this.contacts = contacts;
  }

  @GET
  @Timed
  @PermitAll
  public MethodList methods(@Auth Caller caller, @PathParam("userId") String userId) {
    return new MethodList(contacts.methods(caller, QueryParams.pathId("user", userId)));
  }

  @POST
  @Timed
  @PermitAll
  @Idempotent
  public Response add(
      @Auth Caller caller,
      @PathParam("userId") String userId,
      @NotNull @Valid AddContactMethod request) {
    ContactMethodView view = contacts.add(caller, QueryParams.pathId("user", userId), request);
    return Response.status(201).entity(view).build();
  }

  @POST
  @Path("/{id}/send-code")
  @Timed
  @PermitAll
  public ContactMethodView resend(
      @Auth Caller caller, @PathParam("userId") String userId, @PathParam("id") String id) {
    return contacts.resendCode(
        caller, QueryParams.pathId("user", userId), QueryParams.pathId("contact method", id));
  }

  @POST
  @Path("/{id}/test")
  @Timed
  @PermitAll
  public ContactService.TestMessage test(
      @Auth Caller caller, @PathParam("userId") String userId, @PathParam("id") String id) {
    return contacts.sendTest(
        caller, QueryParams.pathId("user", userId), QueryParams.pathId("contact method", id));
  }

  @POST
  @Path("/{id}/verify")
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
  @Path("/{id}")
  @Timed
  @PermitAll
  public Response delete(
      @Auth Caller caller, @PathParam("userId") String userId, @PathParam("id") String id) {
    contacts.delete(
        caller, QueryParams.pathId("user", userId), QueryParams.pathId("contact method", id));
    return Response.noContent().build();
  }
}
