package com.switchboard.integration.outbound;

import com.codahale.metrics.annotation.Timed;
import com.switchboard.auth.Caller;
import com.switchboard.auth.Role;
import com.switchboard.platform.http.QueryParams;
import com.switchboard.platform.idempotency.Idempotent;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
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
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.util.List;
import java.util.UUID;

/** Outbound webhooks: endpoints, their secrets and their delivery log (owner and admin). */
@Path("/v1/webhooks")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
@RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME})
public class WebhookResource {
  public record CreateWebhook(
      @NotNull @Size(max = WebhookTargets.MAX_URL_LENGTH) String url,
      @NotNull @Size(min = 1, max = 20) List<@NotNull @Size(max = 100) String> events,
      @Size(max = 500) String description) {}

  /** The whole endpoint; {@code enabled} defaults to true. */
  public record UpdateWebhook(
      @NotNull @Size(max = WebhookTargets.MAX_URL_LENGTH) String url,
      @NotNull @Size(min = 1, max = 20) List<@NotNull @Size(max = 100) String> events,
      @Size(max = 500) String description,
      Boolean enabled) {}

  public record WebhookList(List<WebhookEndpoint> items) {}

  public record DeliveryList(List<WebhookDelivery> items) {}

  private final WebhookService webhooks;

  public WebhookResource(WebhookService webhooks) {
    this.webhooks = webhooks;
  }

  @POST
  @Timed
  @Idempotent
  public Response create(@Auth Caller caller, @NotNull @Valid CreateWebhook request) {
    return Response.status(201)
        .entity(webhooks.create(caller, request.url(), request.events(), request.description()))
        .build();
  }

  @GET
  @Timed
  public WebhookList list(@Auth Caller caller) {
    return new WebhookList(webhooks.list(caller));
  }

  @GET
  @Path("/{id}")
  @Timed
  public WebhookEndpoint get(@Auth Caller caller, @PathParam("id") String id) {
    return webhooks.get(caller, webhookId(id));
  }

  @PUT
  @Path("/{id}")
  @Timed
  public WebhookEndpoint update(
      @Auth Caller caller, @PathParam("id") String id, @NotNull @Valid UpdateWebhook request) {
    return webhooks.update(
        caller,
        webhookId(id),
        request.url(),
        request.events(),
        request.description(),
        request.enabled());
  }

  @DELETE
  @Path("/{id}")
  @Timed
  public Response delete(@Auth Caller caller, @PathParam("id") String id) {
    webhooks.delete(caller, webhookId(id));
    return Response.noContent().build();
  }

  @POST
  @Path("/{id}/rotate-secret")
  @Timed
  public WebhookService.WithSecret rotateSecret(@Auth Caller caller, @PathParam("id") String id) {
    return webhooks.rotateSecret(caller, webhookId(id));
  }

  @GET
  @Path("/{id}/deliveries")
  @Timed
  public DeliveryList deliveries(
      @Auth Caller caller,
      @PathParam("id") String id,
      @QueryParam("status") String status,
      @QueryParam("limit") String limit) {
    return new DeliveryList(
        webhooks.deliveries(
            caller,
            webhookId(id),
            QueryParams.optionalText("status", status, 20),
            QueryParams.intInRange("limit", limit, 50, 1, 200)));
  }

  @POST
  @Path("/{id}/deliveries/{deliveryId}/redeliver")
  @Timed
  public Response redeliver(
      @Auth Caller caller, @PathParam("id") String id, @PathParam("deliveryId") String deliveryId) {
    WebhookDelivery delivery =
        webhooks.redeliver(caller, webhookId(id), QueryParams.pathId("delivery", deliveryId));
    return Response.status(202).entity(delivery).build();
  }

  private static UUID webhookId(String raw) {
    return QueryParams.pathId("webhook", raw);
  }
}
