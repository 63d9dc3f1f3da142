package com.switchboard.integration.helpdesk;

import com.codahale.metrics.annotation.Timed;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.switchboard.auth.Caller;
import com.switchboard.auth.Role;
import com.switchboard.platform.errors.FieldError;
import com.switchboard.platform.errors.ValidationException;
import com.switchboard.platform.http.QueryParams;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Valid;
import jakarta.validation.Validator;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.DELETE;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.HttpHeaders;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.Set;
import java.util.UUID;

/**
 * Inbound helpdesk integrations. Owners and admins configure them; {@code POST /{id}/events} is the
 * helpdesk's own endpoint, with no session or API key: only the integration's secret.
 */
@Path("/v1/helpdesk-integrations")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class HelpdeskResource {
  public record CreateIntegration(
      @NotBlank @Size(max = 100) String name,
      @NotNull @Pattern(regexp = "generic|zendesk", message = "must be generic or zendesk")
          String kind) {}

  public record IntegrationList(List<HelpdeskIntegration> items) {}

  private final HelpdeskService helpdesks;
  private final ObjectMapper json;
  private final Validator validator;

  public HelpdeskResource(HelpdeskService helpdesks, ObjectMapper json, Validator validator) {
    this.helpdesks = helpdesks;
    this.json = json;
    this.validator = validator;
  }

  @POST
  @Timed
  @RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME})
  public Response create(@Auth Caller caller, @NotNull @Valid CreateIntegration request) {
    return Response.status(201)
        .entity(helpdesks.create(caller, request.name(), request.kind()))
        .build();
  }

  @GET
  @Timed
  @RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME})
  public IntegrationList list(@Auth Caller caller) {
    return new IntegrationList(helpdesks.list(caller));
  }

  @GET
  @Path("/{id}")
  @Timed
  @RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME})
  public HelpdeskIntegration get(@Auth Caller caller, @PathParam("id") String id) {
    return helpdesks.get(caller, integrationId(id));
  }

  @DELETE
  @Path("/{id}")
  @Timed
  @RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME})
  public Response delete(@Auth Caller caller, @PathParam("id") String id) {
    helpdesks.delete(caller, integrationId(id));
    return Response.noContent().build();
  }

  @POST
  @Path("/{id}/rotate-secret")
  @Timed
  @RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME})
  public HelpdeskService.WithSecret rotateSecret(@Auth Caller caller, @PathParam("id") String id) {
    return helpdesks.rotateSecret(caller, integrationId(id));
  }

  /**
   * The helpdesk's event. Authenticated before the body is read at all: a request without the
   * secret gets 401 and leaves nothing behind.
   */
  @POST
  @Path("/{id}/events")
  @Timed
  public HelpdeskService.Received receive(
      @PathParam("id") String id,
      @HeaderParam(HttpHeaders.AUTHORIZATION) String authorization,
      String body)
      throws JsonProcessingException {
    HelpdeskDao.Caller integration = helpdesks.authenticate(id, authorization);
    if (body == null || body.isBlank()) {
      throw new com.switchboard.platform.errors.BadRequestException(
          "malformed_json", "send the event as a JSON body");
    }
    InboundTicket event =
        HelpdeskIntegration.ZENDESK.equals(integration.kind())
            ? valid(json.readValue(body, InboundTicket.Zendesk.class)).normalised()
            : valid(json.readValue(body, InboundTicket.Generic.class)).normalised();
    return helpdesks.receive(integration, event);
  }

  private <T> T valid(T value) {
    if (value == null) {
      throw new com.switchboard.platform.errors.BadRequestException(
          "malformed_json", "send the event as a JSON object");
    }
    Set<ConstraintViolation<T>> violations = validator.validate(value);
    if (!violations.isEmpty()) {
      throw new ValidationException(
          violations.stream()
              .map(v -> new FieldError(v.getPropertyPath().toString(), v.getMessage()))
              .sorted(java.util.Comparator.comparing(FieldError::field))
              .toList());
    }
    return value;
  }

  private static UUID integrationId(String raw) {
    return QueryParams.pathId("helpdesk integration", raw);
  }
}
