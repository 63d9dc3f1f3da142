package com.switchboard.notify.outbox;

import com.codahale.metrics.annotation.Timed;
import com.switchboard.auth.Caller;
import com.switchboard.auth.Role;
import com.switchboard.notify.Channel;
import com.switchboard.notify.sms.SmsReplies;
import com.switchboard.platform.db.Daos;
import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.platform.errors.NotFoundException;
import com.switchboard.platform.errors.ValidationException;
import com.switchboard.platform.http.QueryParams;
import io.dropwizard.auth.Auth;
import jakarta.annotation.security.RolesAllowed;
import jakarta.validation.Valid;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.util.List;
import java.util.Locale;

/**
 * The outbox: what Switchboard would have sent by SMS, voice and email when no provider is
 * configured, and a way to answer an SMS as its recipient would — through the same code that
 * handles a real reply from Twilio. Admins only: it shows everyone's pages.
 */
@Path("/v1/outbox")
@Produces(MediaType.APPLICATION_JSON)
@Consumes(MediaType.APPLICATION_JSON)
public class OutboxResource {
  public record OutboxList(List<OutboxMessage> items) {}

  public record Reply(@NotBlank @Size(max = 1600) String body) {}

  /** The reply as stored, and Switchboard's answer to it (null when it gave none). */
  public record ReplyResult(OutboxMessage reply, OutboxMessage answer) {}

  private final TenantDatabase db;
  private final OutboxProvider outbox;
  private final SmsReplies replies;

  public OutboxResource(TenantDatabase db, OutboxProvider outbox, SmsReplies replies) {
    this.db = db;
    this.outbox = outbox;
    this.replies = replies;
  }

  /** Newest first; {@code ?address=+14155550123&channel=sms&limit=100}. */
  @GET
  @Timed
  @RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME})
  public OutboxList list(
      @Auth Caller caller,
      @QueryParam("address") String address,
      @QueryParam("channel") String channel,
      @QueryParam("limit") String limit) {
    String wireChannel = QueryParams.optionalText("channel", channel, 10);
    if (wireChannel != null) {
      try {
        wireChannel = Channel.valueOf(wireChannel.toUpperCase(Locale.ROOT)).wireName();
      } catch (IllegalArgumentException e) {
        throw new com.switchboard.platform.errors.BadRequestException(
            "invalid_parameter", "channel", "must be sms, voice or email");
      }
    }
    String filterChannel = wireChannel;
    return new OutboxList(
        db.inTenant(
            caller.tenantId(),
            h ->
                Daos.on(h, OutboxDao.class)
                    .list(
                        caller.tenantId(),
                        QueryParams.optionalText("address", address, 254),
                        filterChannel,
                        QueryParams.intInRange("limit", limit, 100, 1, 1000))));
  }

  /** Replies to an SMS in the outbox from the number it was sent to. */
  @POST
  @Path("/{id}/reply")
  @Timed
  @RolesAllowed({Role.OWNER_NAME, Role.ADMIN_NAME})
  public ReplyResult reply(
      @Auth Caller caller, @PathParam("id") String id, @NotNull @Valid Reply request) {
    OutboxMessage original =
        db.inTenant(
            caller.tenantId(),
            h ->
                Daos.on(h, OutboxDao.class)
                    .find(caller.tenantId(), QueryParams.pathId("outbox message", id))
                    .orElseThrow(() -> new NotFoundException("outbox message")));
    if (original.channel() != Channel.SMS || !"outbound".equals(original.direction())) {
      throw new ValidationException("id", "only an SMS Switchboard sent can be replied to");
    }
    OutboxMessage reply =
        find(
            caller,
            outbox.store(
                caller.tenantId(),
                original.notificationId(),
                "inbound",
                Channel.SMS,
                original.address(),
                null,
                request.body(),
                null));
    OutboxMessage answer =
        replies
            .handleInTenant(caller.tenantId(), original.address(), request.body())
            .map(
                text ->
                    find(
                        caller,
                        outbox.store(
                            caller.tenantId(),
                            original.notificationId(),
                            "outbound",
                            Channel.SMS,
                            original.address(),
                            null,
                            text,
                            null)))
            .orElse(null);
    return new ReplyResult(reply, answer);
  }

  private OutboxMessage find(Caller caller, java.util.UUID id) {
    return db.inTenant(
        caller.tenantId(),
        h -> Daos.on(h, OutboxDao.class).find(caller.tenantId(), id).orElseThrow());
  }
}
