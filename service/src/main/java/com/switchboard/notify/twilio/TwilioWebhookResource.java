package com.switchboard.notify.twilio;

import com.codahale.metrics.annotation.Timed;
import com.switchboard.notify.MessageComposer;
import com.switchboard.notify.Notification;
import com.switchboard.notify.NotificationDao;
import com.switchboard.notify.NotificationDispatcher;
import com.switchboard.notify.sms.SmsReplies;
import com.switchboard.paging.PageSubject;
import com.switchboard.platform.db.Daos;
import com.switchboard.platform.db.TenantDatabase;
import com.switchboard.platform.errors.ForbiddenException;
import com.switchboard.platform.errors.NotFoundException;
import com.switchboard.platform.http.QueryParams;
import com.switchboard.tenant.TenantDao;
import com.switchboard.tenant.TenantId;
import com.twilio.twiml.MessagingResponse;
import com.twilio.twiml.TwiMLException;
import com.twilio.twiml.VoiceResponse;
import com.twilio.twiml.messaging.Body;
import com.twilio.twiml.messaging.Message;
import com.twilio.twiml.voice.Gather;
import com.twilio.twiml.voice.Hangup;
import com.twilio.twiml.voice.Say;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.Context;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.MultivaluedMap;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * Twilio's webhooks: inbound SMS, delivery status callbacks, and the TwiML of paging calls. Each
 * request must carry a valid {@code X-Twilio-Signature} for the configured auth token and public
 * URL; anything else is refused with 403 before it is read further.
 */
@Path("/v1/webhooks/twilio")
@Consumes(MediaType.APPLICATION_FORM_URLENCODED)
@Produces(MediaType.APPLICATION_XML)
public class TwilioWebhookResource {
  static final String SIGNATURE = "X-Twilio-Signature";
  private static final Set<String> FAILED =
      Set.of("failed", "undelivered", "busy", "no-answer", "canceled");
  private static final Set<String> DELIVERED = Set.of("delivered", "completed");

  private final TwilioSignatures signatures;
  private final String publicUrl;
  private final SmsReplies replies;
  private final VoiceKeys keys;
  private final NotificationDispatcher dispatcher;
  private final TenantDatabase db;

  /** {@code signatures} is null when Twilio is not configured: every webhook is then refused. */
  public TwilioWebhookResource(
      TwilioSignatures signatures,
      String publicUrl,
      SmsReplies replies,
      VoiceKeys keys,
      NotificationDispatcher dispatcher,
      TenantDatabase db) {
    this.signatures = signatures;
    this.publicUrl = publicUrl.replaceAll("/+$", "");
    this.replies = replies;
    this.keys = keys;
    this.dispatcher = dispatcher;
    this.db = db;
  }

  /** An SMS to our number: act on it and answer with TwiML. */
  @POST
  @Path("/sms")
  @Timed
  public String inboundSms(
      @Context HttpServletRequest request,
      @HeaderParam(SIGNATURE) String signature,
      MultivaluedMap<String, String> form) {
    Map<String, String> params = verify(request, signature, form);
    String from = params.getOrDefault("From", "");
    Optional<String> answer = replies.handle(from, params.getOrDefault("Body", ""));
    MessagingResponse.Builder response = new MessagingResponse.Builder();
    answer.ifPresent(
        text ->
            response.message(new Message.Builder().body(new Body.Builder(text).build()).build()));
    return xml(response.build());
  }

  /** A delivery report for a message or call we sent. */
  @POST
  @Path("/status/{tenant}/{notification}")
  @Timed
  public String status(
      @Context HttpServletRequest request,
      @HeaderParam(SIGNATURE) String signature,
      @PathParam("tenant") String tenantId,
      @PathParam("notification") String notificationId,
      MultivaluedMap<String, String> form) {
    Map<String, String> params = verify(request, signature, form);
    TenantId tenant = new TenantId(QueryParams.pathId("tenant", tenantId));
    UUID id = QueryParams.pathId("notification", notificationId);
    String status = params.getOrDefault("MessageStatus", params.getOrDefault("CallStatus", ""));
    if (FAILED.contains(status)) {
      List<UUID> fallbacks =
          db.inTenant(tenant, h -> dispatcher.reportFailure(h, tenant, id, status));
      dispatcher.dispatch(tenant, fallbacks);
    } else if (DELIVERED.contains(status)) {
      db.useTenant(tenant, h -> dispatcher.reportDelivered(h, tenant, id));
    }
    return "<Response/>";
  }

  /** The TwiML of a paging call: read the incident, then take one key. */
  @POST
  @Path("/voice/{tenant}/{notification}")
  @Timed
  public String voice(
      @Context HttpServletRequest request,
      @HeaderParam(SIGNATURE) String signature,
      @PathParam("tenant") String tenantId,
      @PathParam("notification") String notificationId,
      MultivaluedMap<String, String> form) {
    verify(request, signature, form);
    Paged paged = paged(tenantId, notificationId);
    return xml(menu(paged, ""));
  }

  /** The key pressed: 4 acknowledge, 6 resolve, 5 escalate, * repeat. */
  @POST
  @Path("/voice/{tenant}/{notification}/keys")
  @Timed
  public String keys(
      @Context HttpServletRequest request,
      @HeaderParam(SIGNATURE) String signature,
      @PathParam("tenant") String tenantId,
      @PathParam("notification") String notificationId,
      MultivaluedMap<String, String> form) {
    Map<String, String> params = verify(request, signature, form);
    Paged paged = paged(tenantId, notificationId);
    String digits = params.getOrDefault("Digits", "");
    if (VoiceKeys.ACTING.contains(digits)) {
      return xml(
          goodbye(keys.press(paged.tenant(), paged.notification(), paged.incident(), digits)));
    }
    if ("*".equals(digits)) {
      return xml(menu(paged, ""));
    }
    return xml(menu(paged, "Sorry, that key does nothing. "));
  }

  private static VoiceResponse goodbye(String said) {
    return new VoiceResponse.Builder()
        .say(new Say.Builder(said).build())
        .hangup(new Hangup.Builder().build())
        .build();
  }

  private VoiceResponse menu(Paged paged, String preamble) {
    String keysUrl =
        publicUrl
            + "/api/v1/webhooks/twilio/voice/"
            + paged.tenant().value()
            + "/"
            + paged.notification().id()
            + "/keys";
    String text =
        preamble
            + MessageComposer.spoken(paged.slug(), paged.incident())
            + " Press 4 to acknowledge, 6 to resolve, 5 to escalate, or star to repeat.";
    return new VoiceResponse.Builder()
        .gather(
            new Gather.Builder()
                .numDigits(1)
                .action(keysUrl)
                .method(com.twilio.http.HttpMethod.POST)
                .timeout(10)
                .say(new Say.Builder(text).build())
                .build())
        .say(new Say.Builder("We did not hear a key. Goodbye.").build())
        .build();
  }

  private record Paged(
      TenantId tenant, String slug, Notification notification, PageSubject incident) {}

  private Paged paged(String tenantId, String notificationId) {
    TenantId tenant = new TenantId(QueryParams.pathId("tenant", tenantId));
    UUID id = QueryParams.pathId("notification", notificationId);
    return db.inTenant(
        tenant,
        h -> {
          Notification notification =
              Daos.on(h, NotificationDao.class)
                  .find(tenant, id)
                  .orElseThrow(() -> new NotFoundException("notification"));
          PageSubject incident =
              PageSubject.find(h, tenant, notification.incidentId()).orElseThrow();
          String slug = Daos.on(h, TenantDao.class).findById(tenant).orElseThrow().slug();
          return new Paged(tenant, slug, notification, incident);
        });
  }

  /**
   * Checks the signature Twilio made over the URL it called, which is {@code publicUrl} followed by
   * the request's path below this application's context path. Behind a proxy serving us at {@code
   * https://example.com/switchboard}, the prefix is in {@code publicUrl} and either stripped by the
   * proxy or forwarded to a server whose {@code applicationContextPath} is that prefix: both give
   * the same URL.
   */
  private Map<String, String> verify(
      HttpServletRequest request, String signature, MultivaluedMap<String, String> form) {
    if (signatures == null) {
      throw new ForbiddenException("Twilio is not configured");
    }
    Map<String, String> params = new HashMap<>();
    if (form != null) {
      form.forEach((key, values) -> params.put(key, values.isEmpty() ? "" : values.get(0)));
    }
    String path = request.getRequestURI(); // raw, as sent: Twilio signs the encoded form
    String context = request.getContextPath();
    if (!context.isEmpty() && path.startsWith(context)) {
      path = path.substring(context.length());
    }
    String url = publicUrl + path;
    if (request.getQueryString() != null) {
      url = url + "?" + request.getQueryString();
    }
    if (!signatures.isValid(url, params, signature)) {
      throw new ForbiddenException("invalid X-Twilio-Signature");
    }
    return params;
  }

  private static String xml(com.twilio.twiml.TwiML twiml) {
    try {
      return twiml.toXml();
    } catch (TwiMLException e) {
      throw new IllegalStateException("could not render TwiML", e);
    }
  }
}
