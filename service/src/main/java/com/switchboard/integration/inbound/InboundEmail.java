package com.switchboard.integration.inbound;

import com.codahale.metrics.Counter;
import com.codahale.metrics.MetricRegistry;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.switchboard.alert.AlertEvent;
import com.switchboard.alert.AlertIntake;
import com.switchboard.alert.AlertSource;
import com.switchboard.platform.db.Daos;
import com.switchboard.platform.db.TenantDatabase;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Inbound email through SendGrid Inbound Parse: one webhook for the deployment, its secret token in
 * the URL (Inbound Parse cannot sign); each recipient {@code <key>@<inboundEmailDomain>} (also
 * {@code <key>+anything@…}) names an email integration, which gets one trigger event: summary = the
 * subject, source = the sender, the body (text, or the html without tags) in the details.
 * Recipients of other domains are ignored; an email no integration takes is accepted and dropped
 * (counted in {@value #DROPPED}), because Inbound Parse retries a refused post for three days.
 */
public class InboundEmail {
  /** What the webhook answers. */
  public record Answer(String status, int accepted, int dropped) {}

  public static final String DROPPED = "switchboard.alerts.email.dropped";

  /** How much of the body the alert keeps. */
  static final int MAX_BODY_CHARS = 64 * 1024;

  private static final Pattern REPLY_PREFIX =
      Pattern.compile("^((re|fw|fwd|aw|wg)\\s*(\\[\\d+\\])?\\s*:\\s*)+", Pattern.CASE_INSENSITIVE);
  private static final Pattern TAG = Pattern.compile("(?s)<(script|style)\\b.*?</\\1\\s*>|<[^>]*>");

  private final AlertIntegrationService integrations;
  private final TenantDatabase db;
  private final AlertIntake intake;
  private final ObjectMapper json;
  private final String domain;
  private final byte[] tokenHash;
  private final Counter accepted;
  private final Counter rejected;
  private final Counter dropped;

  public InboundEmail(
      TenantDatabase db,
      AlertIntegrationService integrations,
      AlertIntake intake,
      ObjectMapper json,
      String domain,
      String token,
      MetricRegistry metrics) {
    this.integrations = integrations;
    this.db = db;
    this.intake = intake;
    this.json = json;
    this.domain = domain.trim().toLowerCase(Locale.ROOT);
    this.tokenHash = token.isEmpty() ? null : IntegrationKeys.sha256(token);
    this.accepted = metrics.counter(InboundEvents.ACCEPTED + ".email");
    this.rejected = metrics.counter(InboundEvents.REJECTED + ".email");
    this.dropped = metrics.counter(DROPPED);
  }

  /**
   * Whether {@code presented} is the configured webhook token: compared as SHA-256 digests in
   * constant time, so neither its content nor its length leaks; never, when none is configured.
   */
  public boolean tokenMatches(String presented) {
    return tokenHash != null
        && presented != null
        && MessageDigest.isEqual(tokenHash, IntegrationKeys.sha256(presented));
  }

  /** Hands each integration the email is addressed to its trigger; returns what happened. */
  Answer receive(InboundEmailMessage email) {
    Map<String, AlertIntegrationService.Routed> routed = new LinkedHashMap<>();
    for (String recipient : email.recipients()) {
      keyOf(recipient)
          .flatMap(key -> integrations.route(key, IntegrationType.EMAIL))
          .ifPresent(r -> routed.putIfAbsent(r.integrationId().toString(), r));
    }
    if (routed.isEmpty()) {
      dropped.inc();
      return new Answer("dropped", 0, 1);
    }
    for (AlertIntegrationService.Routed integration : routed.values()) {
      AlertEvent event =
          EventFields.withUrgency(event(email, grouping(integration)), integration.urgencies());
      try {
        intake.accept(
            new AlertSource(
                integration.tenantId(),
                integration.serviceId(),
                integration.integrationId(),
                IntegrationType.EMAIL.wireName()),
            List.of(event));
      } catch (AlertIntake.IntakeOverloadedException e) {
        rejected.inc();
        // Inbound Parse retries 5xx; integrations that took the email dedup the retry by its key.
        throw new IntakeUnavailableException(e);
      }
      accepted.inc();
    }
    return new Answer("accepted", routed.size(), 0);
  }

  private EmailGrouping grouping(AlertIntegrationService.Routed integration) {
    String groupBy =
        db.inTenant(
            integration.tenantId(),
            h ->
                Daos.on(h, HeartbeatDao.class)
                    .emailGroupBy(integration.tenantId(), integration.integrationId())
                    .orElse(null));
    EmailGrouping grouping = EmailGrouping.fromWire(groupBy);
    return grouping == null ? EmailGrouping.MESSAGE : grouping;
  }

  /** The integration key in {@code address} if it is of the inbound domain ({@code +tags} cut). */
  Optional<String> keyOf(String address) {
    int at = address.lastIndexOf('@');
    if (domain.isEmpty() || at <= 0 || !address.substring(at + 1).equalsIgnoreCase(domain)) {
      return Optional.empty();
    }
    String local = address.substring(0, at).toLowerCase(Locale.ROOT);
    int plus = local.indexOf('+');
    return Optional.of(plus < 0 ? local : local.substring(0, plus));
  }

  AlertEvent event(InboundEmailMessage email, EmailGrouping grouping) {
    String subject = email.subject() == null ? "" : email.subject().strip();
    String summary = subject.isEmpty() ? "(no subject)" : subject;
    String body = body(email);
    ObjectNode details = json.createObjectNode();
    details.put("from", email.from());
    details.putPOJO("to", email.recipients());
    details.put("subject", email.subject());
    details.put("body", body);
    details.put("messageId", email.messageId());
    details.put("spf", email.spf());
    details.put("dkim", email.dkim());
    details.put("senderIp", email.senderIp());
    details.put("attachments", email.attachments());
    return new AlertEvent(
        AlertEvent.Action.TRIGGER,
        dedupKey(email, grouping, subject),
        summary.length() > EventFields.MAX_SUMMARY
            ? summary.substring(0, EventFields.MAX_SUMMARY)
            : summary,
        AlertEvent.Severity.ERROR,
        null,
        email.from() == null ? "email" : email.from(),
        null,
        null,
        null,
        null,
        details,
        List.of(),
        List.of(),
        "Email",
        null);
  }

  /**
   * By message (the default): the Message-ID, so each email opens its own incident and Inbound
   * Parse's retry of one email does not open two; without one, a hash of the headers and body. By
   * subject: the subject without Re:/Fwd: prefixes, case and spacing, so a thread stays one alert.
   */
  static String dedupKey(InboundEmailMessage email, EmailGrouping grouping, String subject) {
    if (grouping == EmailGrouping.SUBJECT) {
      String normalized =
          REPLY_PREFIX.matcher(subject).replaceFirst("").replaceAll("\\s+", " ").strip();
      return "email-subject:" + sha256Hex(normalized.toLowerCase(Locale.ROOT));
    }
    String id = email.messageId();
    if (id != null && id.length() <= EventFields.MAX_DEDUP_KEY - "email:".length()) {
      return "email:" + id;
    }
    return "email:"
        + sha256Hex(
            (id != null ? id : "") + "\n" + email.headers() + "\n" + email.text() + email.html());
  }

  /** The text body, or the html one without its tags, at most {@link #MAX_BODY_CHARS}. */
  static String body(InboundEmailMessage email) {
    String body = email.text();
    if ((body == null || body.isBlank()) && email.html() != null) {
      body =
          TAG.matcher(email.html())
              .replaceAll(" ")
              .replace("&nbsp;", " ")
              .replace("&lt;", "<")
              .replace("&gt;", ">")
              .replace("&quot;", "\"")
              .replace("&#39;", "'")
              .replace("&amp;", "&")
              .replaceAll("[ \t]+", " ")
              .replaceAll("\\s*\n\\s*", "\n")
              .strip();
    }
    if (body == null) {
      return null;
    }
    return body.length() > MAX_BODY_CHARS ? body.substring(0, MAX_BODY_CHARS) : body;
  }

  private static String sha256Hex(String text) {
    return HexFormat.of().formatHex(IntegrationKeys.sha256(text));
  }
}
