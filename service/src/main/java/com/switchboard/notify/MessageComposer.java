package com.switchboard.notify;

import com.switchboard.notify.ActionLinks.Action;
import com.switchboard.notify.sms.SmsText;
import com.switchboard.paging.PageSubject;
import com.switchboard.tenant.TenantId;
import java.net.URI;
import java.time.Instant;
import java.util.Locale;
import java.util.UUID;

/**
 * The words of a page: a one-segment SMS with reply codes, an email with signed one-click links, a
 * call that reads the incident and takes key presses.
 */
public class MessageComposer {
  private final ActionLinks links;
  private final String publicUrl;

  public MessageComposer(ActionLinks links, String publicUrl) {
    this.links = links;
    this.publicUrl = publicUrl.replaceAll("/+$", "");
  }

  /** An SMS page whose reply code (see {@code SmsReplyCodes}) is {@code replyCode}. */
  public OutboundMessage composeSms(
      String tenantSlug,
      TenantId tenant,
      PageSubject incident,
      Notification notification,
      long replyCode) {
    return new OutboundMessage(
        notification.id(),
        tenantSlug,
        Channel.SMS,
        notification.address(),
        null,
        sms(tenantSlug, incident, replyCode),
        null,
        null,
        statusCallback(tenant, notification));
  }

  /** A voice or email page. */
  public OutboundMessage compose(
      String tenantSlug,
      TenantId tenant,
      PageSubject incident,
      Notification notification,
      Instant now) {
    String urgency = incident.urgency().wireName().toUpperCase(Locale.ROOT);
    switch (notification.channel()) {
      case SMS:
        throw new IllegalArgumentException("an SMS page carries a reply code: use composeSms");
      case VOICE:
        return new OutboundMessage(
            notification.id(),
            tenantSlug,
            Channel.VOICE,
            notification.address(),
            null,
            spoken(tenantSlug, incident),
            null,
            URI.create(
                publicUrl
                    + "/api/v1/webhooks/twilio/voice/"
                    + tenant.value()
                    + "/"
                    + notification.id()),
            statusCallback(tenant, notification));
      case EMAIL:
      default:
        String ack = link(tenant, incident, notification, Action.ACKNOWLEDGE, now);
        String resolve = link(tenant, incident, notification, Action.RESOLVE, now);
        String subject =
            "[Switchboard] #"
                + incident.number()
                + " "
                + urgency
                + " "
                + incident.serviceName()
                + ": "
                + incident.title();
        String text =
            incident.title()
                + "\n\nService: "
                + incident.serviceName()
                + "\nUrgency: "
                + incident.urgency().wireName()
                + "\nIncident: #"
                + incident.number()
                + (incident.details().isBlank() ? "" : "\n\n" + incident.details())
                + "\n\nAcknowledge: "
                + ack
                + "\nResolve: "
                + resolve
                + "\n\nOr answer the SMS page with the reply code it gives.";
        String html =
            "<p><strong>"
                + escape(incident.title())
                + "</strong></p><p>Service: "
                + escape(incident.serviceName())
                + "<br>Urgency: "
                + incident.urgency().wireName()
                + "<br>Incident: #"
                + incident.number()
                + "</p>"
                + (incident.details().isBlank()
                    ? ""
                    : "<pre>" + escape(incident.details()) + "</pre>")
                + "<p><a href=\""
                + escape(ack)
                + "\">Acknowledge</a> &middot; <a href=\""
                + escape(resolve)
                + "\">Resolve</a></p>";
        return new OutboundMessage(
            notification.id(),
            tenantSlug,
            Channel.EMAIL,
            notification.address(),
            subject,
            text,
            html,
            null,
            null);
    }
  }

  /**
   * {@code Switchboard [acme] #42 HIGH Checkout API: error rate 12%. Reply 42A ack, 42R resolve}
   * (the reply code is the incident number unless another page to the phone holds it).
   */
  public static String sms(String tenantSlug, PageSubject incident, long replyCode) {
    long n = incident.number();
    return SmsText.compose(
        "Switchboard ["
            + tenantSlug
            + "] #"
            + n
            + " "
            + incident.urgency().wireName().toUpperCase(Locale.ROOT)
            + " "
            + incident.serviceName()
            + ": ",
        incident.title(),
        ". Reply " + replyCode + "A ack, " + replyCode + "R resolve",
        SmsText.SEGMENT_SEPTETS);
  }

  /**
   * One SMS for several open incidents, e.g. {@code Switchboard [acme] 3 open on Checkout API: #41
   * #42 #43. Reply A to ack all, R to resolve all}; an incident whose reply code is not its number
   * shows both: {@code #42 (reply 7)}.
   */
  public static String bundle(
      String tenantSlug,
      java.util.List<PageSubject> incidents,
      java.util.Map<UUID, Long> replyCodes) {
    java.util.List<String> services =
        incidents.stream().map(PageSubject::serviceName).distinct().toList();
    StringBuilder numbers = new StringBuilder();
    for (PageSubject incident : incidents) {
      numbers.append(numbers.length() == 0 ? "#" : " #").append(incident.number());
      long code = replyCodes.get(incident.id());
      if (code != incident.number()) {
        numbers.append(" (reply ").append(code).append(')');
      }
    }
    return SmsText.compose(
        "Switchboard ["
            + tenantSlug
            + "] "
            + incidents.size()
            + " open on "
            + String.join(", ", services)
            + ": ",
        numbers.toString(),
        ". Reply A to ack all, R to resolve all",
        SmsText.SEGMENT_SEPTETS);
  }

  public static String spoken(String tenantSlug, PageSubject incident) {
    return "This is Switchboard for "
        + tenantSlug
        + ". Incident "
        + incident.number()
        + ", "
        + incident.urgency().wireName()
        + " urgency, on "
        + incident.serviceName()
        + ": "
        + incident.title()
        + ".";
  }

  private String link(
      TenantId tenant,
      PageSubject incident,
      Notification notification,
      Action action,
      Instant now) {
    return links.link(
        tenant, incident.id(), notification.userId(), notification.contactMethodId(), action, now);
  }

  private URI statusCallback(TenantId tenant, Notification notification) {
    return URI.create(
        publicUrl + "/api/v1/webhooks/twilio/status/" + tenant.value() + "/" + notification.id());
  }

  private static String escape(String text) {
    return text.replace("&", "&amp;")
        .replace("<", "&lt;")
        .replace(">", "&gt;")
        .replace("\"", "&quot;");
  }
}
