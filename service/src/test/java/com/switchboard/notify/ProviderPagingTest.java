package com.switchboard.notify;

import static com.switchboard.testing.ProviderApp.ACCOUNT_SID;
import static com.switchboard.testing.ProviderApp.AUTH_TOKEN;
import static com.switchboard.testing.ProviderApp.CALLS;
import static com.switchboard.testing.ProviderApp.FROM_ADDRESS;
import static com.switchboard.testing.ProviderApp.FROM_NUMBER;
import static com.switchboard.testing.ProviderApp.MAIL;
import static com.switchboard.testing.ProviderApp.MESSAGES;
import static com.switchboard.testing.ProviderApp.PUBLIC_URL;
import static com.switchboard.testing.ProviderApp.SENDGRID_KEY;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.switchboard.testing.Api;
import com.switchboard.testing.Api.Login;
import com.switchboard.testing.Api.Reply;
import com.switchboard.testing.Paging;
import com.switchboard.testing.ProviderApp;
import com.switchboard.testing.ProviderApp.WebhookReply;
import com.switchboard.testing.ProviderStub;
import com.switchboard.testing.ProviderStub.RecordedRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * Paging through the real provider SDKs: twilio-java for SMS and calls, sendgrid-java for email,
 * both talking to a local {@link ProviderStub}; Twilio's status callbacks and call webhooks signed
 * as Twilio signs them; the one-click links of a page email.
 */
class ProviderPagingTest {
  private static final String BASIC_AUTH =
      "Basic "
          + Base64.getEncoder()
              .encodeToString((ACCOUNT_SID + ":" + AUTH_TOKEN).getBytes(StandardCharsets.UTF_8));
  private static final Pattern ACK_LINK = Pattern.compile("Acknowledge: (\\S+)");
  private static final Pattern RESOLVE_LINK = Pattern.compile("Resolve: (\\S+)");
  private static final Pattern TWILIO_SID = Pattern.compile("(SM|CA)[0-9a-f]{32}");

  /** The GSM 03.38 basic character table, without the escape to the extension table. */
  private static final String GSM7_BASIC =
      "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?"
          + "¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";

  /** The GSM 03.38 extension table: each of these takes an escape and a septet. */
  private static final String GSM7_EXTENSION = "\f^{}\\[~]|€";

  private static ProviderApp app;
  private static Api api;
  private static ProviderStub stub;

  private Login owner;
  private Paging paging;

  @BeforeAll
  static void startSwitchboardAgainstTheStub() {
    app = ProviderApp.start();
    api = app.api();
    stub = app.stub();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @BeforeEach
  void newTenant() {
    owner = api.signup("Provider Paging");
    paging = new Paging(api, owner);
  }

  @AfterEach
  void forgetScripts() {
    stub.clear();
  }

  // --- SMS ---------------------------------------------------------------------------------

  @Test
  void aVerificationCodeGoesOutBySmsThroughTwilioAndVerifiesTheNumber() {
    Login member = api.addMember(owner, "responder");
    String phone = ProviderApp.newPhone();

    Reply added =
        api.post(
            "/api/v1/users/" + member.userId() + "/contact-methods",
            Map.of("channel", "sms", "address", phone),
            owner);

    assertThat(added.status()).isEqualTo(201);
    assertThat(added.body().path("codeSent").asBoolean()).isTrue();
    assertThat(added.body().path("method").path("verifiedAt").isNull()).isTrue();
    List<RecordedRequest> sent = app.smsTo(phone);
    assertThat(sent).hasSize(1);
    RecordedRequest code = sent.get(0);
    assertThat(code.method()).isEqualTo("POST");
    assertThat(code.path()).isEqualTo(MESSAGES);
    assertThat(code.header("Authorization")).isEqualTo(BASIC_AUTH);
    assertThat(code.form("From")).isEqualTo(FROM_NUMBER);
    assertThat(code.form("Body"))
        .matches("Switchboard \\[" + Pattern.quote(owner.slug()) + "\\] verification code: \\d{6}");
    assertThat(code.form("StatusCallback")).isNull();
    String methodPath =
        "/api/v1/users/"
            + member.userId()
            + "/contact-methods/"
            + added.body().path("method").path("id").asText();

    String right = ProviderApp.codeIn(code.form("Body"));
    String wrong = right.equals("000000") ? "111111" : "000000";
    Reply refused = api.post(methodPath + "/verify", Map.of("code", wrong), owner);
    Reply verified = api.post(methodPath + "/verify", Map.of("code", right), owner);

    assertThat(refused.status()).isEqualTo(422);
    assertThat(verified.status()).isEqualTo(200);
    assertThat(verified.body().path("verifiedAt").isTextual()).isTrue();
    assertThat(verified.body().path("address").asText()).isEqualTo(phone);
  }

  @Test
  void aVoiceNumberIsVerifiedByACallThatReadsTheCodeDigitByDigit() {
    Login member = api.addMember(owner, "responder");
    String phone = ProviderApp.newPhone();

    String method = app.verifiedMethod(owner, member.userId(), "voice", phone);

    RecordedRequest call = app.codeCallsTo(phone).get(0);
    assertThat(app.codeCallsTo(phone)).hasSize(1);
    assertThat(call.header("Authorization")).isEqualTo(BASIC_AUTH);
    assertThat(call.form("From")).isEqualTo(FROM_NUMBER);
    assertThat(call.form("Url")).isNull();
    assertThat(call.form("Twiml"))
        .startsWith("<?xml")
        .containsPattern(
            "<Response><Say>This is Switchboard for "
                + Pattern.quote(owner.slug())
                + "\\. Your verification code: (\\d ){5}\\d\\. Again, your code: (\\d ){5}\\d\\.</Say></Response>");
    assertThat(app.smsTo(phone)).as("no SMS to what may be a landline").isEmpty();
    assertThat(app.callsTo(phone)).as("no page").isEmpty();
    JsonNode methods =
        api.get("/api/v1/users/" + member.userId() + "/contact-methods", owner).body();
    assertThat(methods.path("items"))
        .anySatisfy(
            m -> {
              assertThat(m.path("id").asText()).isEqualTo(method);
              assertThat(m.path("channel").asText()).isEqualTo("voice");
              assertThat(m.path("verifiedAt").isTextual()).isTrue();
            });
  }

  @Test
  void aPageGoesOutThroughTwilioAsOneSmsSegmentWithAStatusCallback() {
    Responder alice = smsResponder();
    String service = paging.service("Checkout API", onePolicy(alice));

    Incident incident = trigger(service, "error rate 12%");

    RecordedRequest page = app.awaitSms(alice.phone(), 2).get(1);
    String notification = onlyNotification(incident);
    assertThat(page.method()).isEqualTo("POST");
    assertThat(page.path()).isEqualTo(MESSAGES);
    assertThat(page.header("Authorization")).isEqualTo(BASIC_AUTH);
    assertThat(page.form("To")).isEqualTo(alice.phone());
    assertThat(page.form("From")).isEqualTo(FROM_NUMBER);
    assertThat(page.form("Body"))
        .isEqualTo(
            "Switchboard ["
                + owner.slug()
                + "] #"
                + incident.number()
                + " HIGH Checkout API: error rate 12%. Reply "
                + incident.number()
                + "A ack, "
                + incident.number()
                + "R resolve");
    assertOneGsm7Segment(page.form("Body"));
    assertThat(page.form("StatusCallback"))
        .isEqualTo(
            PUBLIC_URL + "/api/v1/webhooks/twilio/status/" + owner.tenantId() + "/" + notification);

    JsonNode sent = app.awaitNotification(owner, incident.id(), notification, "sent");
    assertThat(sent.path("channel").asText()).isEqualTo("sms");
    assertThat(sent.path("provider").asText()).isEqualTo("twilio");
    assertThat(sent.path("providerMessageId").asText()).matches(TWILIO_SID).startsWith("SM");
    assertThat(app.timeline(owner, incident.id()))
        .anySatisfy(
            e -> {
              assertThat(e.path("kind").asText()).isEqualTo("notified");
              assertThat(e.path("channel").asText()).isEqualTo("sms");
              assertThat(e.path("message").asText())
                  .isEqualTo("Notified " + alice.name() + " by SMS at " + masked(alice.phone()));
            });
  }

  @Test
  void aLongTitleIsCutSoThePageStaysOneGsm7Segment() {
    Responder alice = smsResponder();
    String service = paging.service("Payments Gateway", onePolicy(alice));
    String title =
        "Card authorisations failing for every EU merchant since the 14:02 deploy \u2014 "
            + "issuer\u2019s timeouts climbing across all acquirers and the retry queue is growing fast";

    Incident incident = trigger(service, title);

    String body = app.awaitSms(alice.phone(), 2).get(1).form("Body");
    assertOneGsm7Segment(body);
    assertThat(body)
        .startsWith(
            "Switchboard ["
                + owner.slug()
                + "] #"
                + incident.number()
                + " HIGH Payments Gateway: Card authorisations failing")
        .endsWith(". Reply " + incident.number() + "A ack, " + incident.number() + "R resolve")
        .contains("...")
        .doesNotContain("retry queue is growing fast");
  }

  @Test
  void aDeliveredStatusCallbackMarksTheSmsDelivered() {
    Responder alice = smsResponder();
    String service = paging.service("Search", onePolicy(alice));
    Incident incident = trigger(service, "index lagging");
    app.awaitSms(alice.phone(), 2);
    String notification = onlyNotification(incident);
    JsonNode sent = app.awaitNotification(owner, incident.id(), notification, "sent");

    WebhookReply reply =
        app.postSigned(
            statusPath(notification),
            smsStatus(sent.path("providerMessageId").asText(), alice.phone(), "delivered"));

    assertThat(reply.status()).isEqualTo(200);
    app.awaitNotification(owner, incident.id(), notification, "delivered");
    assertThat(app.timeline(owner, incident.id()))
        .anySatisfy(
            e -> {
              assertThat(e.path("kind").asText()).isEqualTo("delivered");
              assertThat(e.path("message").asText())
                  .isEqualTo("SMS to " + masked(alice.phone()) + " delivered");
            });
  }

  // --- fallbacks ---------------------------------------------------------------------------

  @Test
  void anUndeliveredSmsFailsAndTheNextContactMethodIsCalledAtOnce() {
    Responder carol = smsResponder();
    String voice = app.verifiedMethod(owner, carol.id(), "voice", carol.phone());
    String service = paging.service("Identity", onePolicy(carol));
    Incident incident = trigger(service, "logins failing");
    app.awaitSms(carol.phone(), 2);
    String sms = onlyNotification(incident);
    JsonNode sent = app.awaitNotification(owner, incident.id(), sms, "sent");
    assertThat(app.callsTo(carol.phone())).isEmpty();

    WebhookReply reply =
        app.postSigned(
            statusPath(sms),
            smsStatus(sent.path("providerMessageId").asText(), carol.phone(), "undelivered"));

    assertThat(reply.status()).isEqualTo(200);
    RecordedRequest call = app.awaitCalls(carol.phone(), 1).get(0);
    JsonNode failed = app.notification(owner, incident.id(), sms);
    assertThat(failed.path("status").asText()).isEqualTo("failed");
    assertThat(failed.path("lastError").asText()).contains("undelivered");
    JsonNode fallback = notificationOn(incident, "voice");
    assertThat(fallback.path("contactMethodId").asText()).isEqualTo(voice);
    assertThat(call.form("Url"))
        .isEqualTo(
            PUBLIC_URL
                + "/api/v1/webhooks/twilio/voice/"
                + owner.tenantId()
                + "/"
                + fallback.path("id").asText());
    app.awaitNotification(owner, incident.id(), fallback.path("id").asText(), "sent");
    assertThat(kindsAfter(app.timeline(owner, incident.id()), "notification_failed"))
        .containsSubsequence("notification_failed", "fallback", "notified");
    assertThat(app.timeline(owner, incident.id()))
        .anySatisfy(
            e -> {
              assertThat(e.path("kind").asText()).isEqualTo("notification_failed");
              assertThat(e.path("message").asText())
                  .isEqualTo("SMS to " + masked(carol.phone()) + " was undelivered");
            })
        .anySatisfy(
            e -> {
              assertThat(e.path("kind").asText()).isEqualTo("fallback");
              assertThat(e.path("message").asText())
                  .isEqualTo("Falling back to voice call at " + masked(carol.phone()));
            })
        .anySatisfy(
            e -> {
              assertThat(e.path("kind").asText()).isEqualTo("notified");
              assertThat(e.path("channel").asText()).isEqualTo("voice");
            });
  }

  @Test
  void anUndeliveredReportThatOvertakesTwiliosAnswerIsNotOverwrittenBySent() {
    Responder carol = smsResponder();
    String email = ProviderApp.newEmail();
    app.verifiedMethod(owner, carol.id(), "email", email);
    String service = paging.service("Orders", onePolicy(carol));
    // Twilio takes five seconds to answer the page's request; its delivery report comes first.
    stub.script(MESSAGES, ProviderStub.Reply.defaultAnswer().delay(Duration.ofSeconds(5)));
    Incident incident = trigger(service, "orders not syncing");
    app.awaitSms(carol.phone(), 2);
    String sms = onlyNotification(incident);
    assertThat(app.notification(owner, incident.id(), sms).path("status").asText())
        .isEqualTo("sending");

    WebhookReply reply =
        app.postSigned(
            statusPath(sms),
            smsStatus("SM0123456789abcdef0123456789abcdef", carol.phone(), "undelivered"));

    assertThat(reply.status()).isEqualTo(200);
    app.awaitMail(email, 2);
    // Holds for longer than Twilio's answer takes to arrive and be recorded.
    await()
        .during(Duration.ofSeconds(7))
        .atMost(Duration.ofSeconds(15))
        .pollInterval(Duration.ofMillis(100))
        .until(
            () -> app.notification(owner, incident.id(), sms).path("status").asText(),
            status -> status.equals("failed"));
    assertThat(app.timeline(owner, incident.id()))
        .noneSatisfy(
            e -> {
              assertThat(e.path("kind").asText()).isEqualTo("notified");
              assertThat(e.path("channel").asText()).isEqualTo("sms");
            });
  }

  @Test
  void aStatusCallbackWithABadSignatureIsRefusedAndChangesNothing() {
    Responder carol = smsResponder();
    app.verifiedMethod(owner, carol.id(), "voice", carol.phone());
    String service = paging.service("Ledger", onePolicy(carol));
    Incident incident = trigger(service, "ledger drift");
    app.awaitSms(carol.phone(), 2);
    String sms = onlyNotification(incident);
    JsonNode sent = app.awaitNotification(owner, incident.id(), sms, "sent");
    int events = app.timeline(owner, incident.id()).size();
    Map<String, String> params =
        smsStatus(sent.path("providerMessageId").asText(), carol.phone(), "undelivered");

    WebhookReply forged =
        app.postForm(
            statusPath(sms),
            params,
            ProviderApp.sign("not-the-auth-token", PUBLIC_URL + statusPath(sms), params));
    WebhookReply unsigned = app.postForm(statusPath(sms), params, null);

    for (WebhookReply refused : List.of(forged, unsigned)) {
      assertThat(refused.status()).isEqualTo(403);
      assertThat(refused.contentType()).startsWith("application/json");
      assertThat(refused.body()).contains("\"code\":\"forbidden\"");
    }
    assertThat(app.notification(owner, incident.id(), sms).path("status").asText())
        .isEqualTo("sent");
    assertThat(app.timeline(owner, incident.id())).hasSize(events);
    assertThat(app.callsTo(carol.phone())).isEmpty();
  }

  @Test
  void aTwilio500IsRetriedAndThenThePageFallsBackToEmail() {
    Responder dave = smsResponder();
    String email = ProviderApp.newEmail();
    app.verifiedMethod(owner, dave.id(), "email", email);
    String service = paging.service("Billing", onePolicy(dave));
    stub.script(MESSAGES, ProviderStub.Reply.twilioError(500, 20500, "Internal Server Error"));

    Incident incident = trigger(service, "invoices stuck");

    RecordedRequest mail = app.awaitMail(email, 2).get(1);
    assertThat(mail.json().path("subject").asText()).contains("invoices stuck");
    // One verification code, then three tries of the page.
    assertThat(app.smsTo(dave.phone())).hasSize(4);
    assertThat(pagesIn(app.smsTo(dave.phone())))
        .hasSize(3)
        .allSatisfy(r -> assertThat(r.form("Body")).contains("invoices stuck"));
    JsonNode sms = notificationOn(incident, "sms");
    assertThat(sms.path("status").asText()).isEqualTo("failed");
    assertThat(sms.path("lastError").asText()).contains("HTTP 500");
    List<JsonNode> timeline = app.timeline(owner, incident.id());
    assertThat(timeline)
        .anySatisfy(
            e -> {
              assertThat(e.path("kind").asText()).isEqualTo("notification_failed");
              assertThat(e.path("message").asText())
                  .startsWith(
                      "SMS to "
                          + dave.name()
                          + " at "
                          + masked(dave.phone())
                          + " failed: HTTP 500");
            })
        .anySatisfy(
            e -> {
              assertThat(e.path("kind").asText()).isEqualTo("fallback");
              assertThat(e.path("channel").asText()).isEqualTo("email");
            });
    app.awaitNotification(
        owner, incident.id(), notificationOn(incident, "email").path("id").asText(), "sent");
  }

  @Test
  void aTwilio400IsNotRetriedAndThePageFallsBackToEmail() {
    Responder dave = smsResponder();
    String email = ProviderApp.newEmail();
    app.verifiedMethod(owner, dave.id(), "email", email);
    String service = paging.service("Shipping", onePolicy(dave));
    stub.script(
        MESSAGES,
        ProviderStub.Reply.twilioError(400, 21610, "Attempt to send to unsubscribed recipient"));

    Incident incident = trigger(service, "labels not printing");

    app.awaitMail(email, 2);
    assertThat(pagesIn(app.smsTo(dave.phone()))).hasSize(1);
    JsonNode sms = notificationOn(incident, "sms");
    assertThat(sms.path("status").asText()).isEqualTo("failed");
    assertThat(sms.path("lastError").asText()).contains("HTTP 400").contains("21610");
    assertThat(app.timeline(owner, incident.id()))
        .extracting(e -> e.path("kind").asText())
        .containsSubsequence("notification_failed", "fallback");
  }

  @Test
  void aPageThatFailsOnEveryContactMethodShowsOnTheIncidentAsFailed() {
    Responder dave = smsResponder();
    String service = paging.service("Returns", onePolicy(dave));
    stub.script(
        MESSAGES,
        ProviderStub.Reply.twilioError(400, 21610, "Attempt to send to unsubscribed recipient"));

    Incident incident = trigger(service, "refunds stuck");

    await()
        .atMost(Duration.ofSeconds(20))
        .until(() -> app.incident(owner, incident.id()).path("failedPages").asInt() == 1);
    assertThat(notificationOn(incident, "sms").path("status").asText()).isEqualTo("failed");
    assertThat(app.timeline(owner, incident.id()))
        .filteredOn(e -> e.path("kind").asText().equals("page_failed"))
        .extracting(e -> e.path("message").asText())
        .containsExactly("Could not reach " + dave.name() + " by any method");
  }

  // --- email -------------------------------------------------------------------------------

  @Test
  void anEmailPageGoesThroughSendGridWithSignedActionLinks() {
    Login bob = api.addMember(owner, "responder");
    String email = ProviderApp.newEmail();
    String method = app.verifiedMethod(owner, bob.userId(), "email", email);
    RecordedRequest code = app.lastMailTo(email);
    assertThat(code.json().path("subject").asText())
        .isEqualTo("Your Switchboard verification code");
    paging.rule(bob.userId(), method, "high", 0);
    String service = paging.service("Storage", onePolicy(new Responder(bob, null, nameOf(bob))));

    Incident incident = trigger(service, "disk <full> on db-1 & db-2");

    RecordedRequest mail = app.awaitMail(email, 2).get(1);
    String notification = onlyNotification(incident);
    assertThat(mail.method()).isEqualTo("POST");
    assertThat(mail.path()).isEqualTo(MAIL);
    assertThat(mail.header("Authorization")).isEqualTo("Bearer " + SENDGRID_KEY);
    JsonNode json = mail.json();
    assertThat(json.path("from").path("email").asText()).isEqualTo(FROM_ADDRESS);
    assertThat(json.path("from").path("name").asText()).isEqualTo("Switchboard");
    assertThat(json.path("personalizations")).hasSize(1);
    assertThat(json.path("personalizations").path(0).path("to"))
        .singleElement()
        .satisfies(to -> assertThat(to.path("email").asText()).isEqualTo(email));
    assertThat(json.path("subject").asText())
        .isEqualTo(
            "[Switchboard] #" + incident.number() + " HIGH Storage: disk <full> on db-1 & db-2");
    assertThat(json.path("custom_args").path("notification_id").asText()).isEqualTo(notification);
    JsonNode text = json.path("content").path(0);
    JsonNode html = json.path("content").path(1);
    assertThat(text.path("type").asText()).isEqualTo("text/plain");
    assertThat(html.path("type").asText()).isEqualTo("text/html");
    String ack = link(ACK_LINK, text.path("value").asText());
    String resolve = link(RESOLVE_LINK, text.path("value").asText());
    assertThat(ack).matches(Pattern.quote(PUBLIC_URL) + "/api/v1/email-actions/[A-Za-z0-9_-]+");
    assertThat(resolve)
        .matches(Pattern.quote(PUBLIC_URL) + "/api/v1/email-actions/[A-Za-z0-9_-]+")
        .isNotEqualTo(ack);
    assertThat(text.path("value").asText())
        .startsWith("disk <full> on db-1 & db-2\n\nService: Storage\nUrgency: high\nIncident: #");
    assertThat(html.path("value").asText())
        .contains("<strong>disk &lt;full&gt; on db-1 &amp; db-2</strong>")
        .contains("<a href=\"" + ack + "\">Acknowledge</a>")
        .contains("<a href=\"" + resolve + "\">Resolve</a>");
    JsonNode sent = app.awaitNotification(owner, incident.id(), notification, "sent");
    assertThat(sent.path("provider").asText()).isEqualTo("sendgrid");
  }

  @Test
  void theEmailAckLinkShowsAConfirmPageAndOnlyItsPostAcknowledges() {
    Login bob = api.addMember(owner, "responder");
    String email = ProviderApp.newEmail();
    String method = app.verifiedMethod(owner, bob.userId(), "email", email);
    paging.rule(bob.userId(), method, "high", 0);
    Responder responder = new Responder(bob, null, nameOf(bob));
    String service = paging.service("Storage", onePolicy(responder));
    Incident incident = trigger(service, "replica lag");
    String text =
        app.awaitMail(email, 2).get(1).json().path("content").path(0).path("value").asText();
    String ack = ProviderApp.pathOf(link(ACK_LINK, text));
    app.awaitNotification(owner, incident.id(), onlyNotification(incident), "sent");
    int events = app.timeline(owner, incident.id()).size();

    WebhookReply confirm = app.browser("GET", ack);

    assertThat(confirm.status()).isEqualTo(200);
    assertThat(confirm.contentType()).startsWith("text/html");
    assertThat(confirm.body())
        .contains("<h1>Acknowledge incident #" + incident.number() + "</h1>")
        .contains("<form method=\"post\">")
        .contains("Acknowledge #" + incident.number() + "</button>");
    assertThat(status(incident)).isEqualTo("triggered");
    assertThat(app.timeline(owner, incident.id())).hasSize(events);

    WebhookReply acted = app.browser("POST", ack);

    assertThat(acted.status()).isEqualTo(200);
    assertThat(acted.contentType()).startsWith("text/html");
    assertThat(acted.body()).contains("Incident #" + incident.number() + " acknowledged.");
    JsonNode detail = app.incident(owner, incident.id());
    assertThat(detail.path("incident").path("status").asText()).isEqualTo("acknowledged");
    assertThat(detail.path("incident").path("acknowledgedBy").asText()).isEqualTo(responder.name());
    assertThat(app.timeline(owner, incident.id()))
        .filteredOn(e -> e.path("kind").asText().equals("acknowledged"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.path("channel").asText()).isEqualTo("email");
              assertThat(e.path("actor").asText()).isEqualTo(responder.name());
              assertThat(e.path("message").asText())
                  .isEqualTo("Acknowledged by " + responder.name() + " via email link");
            });

    WebhookReply again = app.browser("POST", ack);
    assertThat(again.status()).isEqualTo(200);
    assertThat(again.body())
        .contains(
            "Incident #"
                + incident.number()
                + " was already acknowledged by "
                + responder.name()
                + ".");
    String tampered = ack.substring(0, ack.length() - 2) + (ack.endsWith("AA") ? "BB" : "AA");
    assertThat(app.browser("POST", tampered).status()).isEqualTo(404);
  }

  @Test
  void aDeactivatedUsersEmailLinksNoLongerWork() {
    Login bob = api.addMember(owner, "responder");
    String email = ProviderApp.newEmail();
    String method = app.verifiedMethod(owner, bob.userId(), "email", email);
    paging.rule(bob.userId(), method, "high", 0);
    String service = paging.service("Storage", onePolicy(new Responder(bob, null, nameOf(bob))));
    Incident incident = trigger(service, "replica lag");
    String text =
        app.awaitMail(email, 2).get(1).json().path("content").path(0).path("value").asText();
    String ack = ProviderApp.pathOf(link(ACK_LINK, text));
    String resolve = ProviderApp.pathOf(link(RESOLVE_LINK, text));
    assertThat(app.browser("GET", ack).status()).isEqualTo(200);

    assertThat(api.post("/api/v1/users/" + bob.userId() + "/deactivate", Map.of(), owner).status())
        .isEqualTo(200);

    WebhookReply confirm = app.browser("GET", ack);
    WebhookReply acknowledge = app.browser("POST", ack);
    WebhookReply resolved = app.browser("POST", resolve);
    assertThat(List.of(confirm.status(), acknowledge.status(), resolved.status()))
        .containsOnly(404);
    assertThat(acknowledge.contentType()).startsWith("application/json");
    assertThat(status(incident)).isEqualTo("triggered");
  }

  // --- voice -------------------------------------------------------------------------------

  @Test
  void aVoicePagePlacesACallWhoseTwimlReadsTheIncidentAndTakesOneKey() {
    Responder erin = voiceResponder();
    String service = paging.service("Checkout", onePolicy(erin));

    Incident incident = trigger(service, "latency p99 > 2s & rising");

    RecordedRequest call = app.awaitCalls(erin.phone(), 1).get(0);
    String notification = onlyNotification(incident);
    String voiceUrl =
        PUBLIC_URL + "/api/v1/webhooks/twilio/voice/" + owner.tenantId() + "/" + notification;
    assertThat(call.method()).isEqualTo("POST");
    assertThat(call.path()).isEqualTo(CALLS);
    assertThat(call.header("Authorization")).isEqualTo(BASIC_AUTH);
    assertThat(call.form("To")).isEqualTo(erin.phone());
    assertThat(call.form("From")).isEqualTo(FROM_NUMBER);
    assertThat(call.form("Url")).isEqualTo(voiceUrl);
    assertThat(call.form("StatusCallback")).isEqualTo(PUBLIC_URL + statusPath(notification));
    assertThat(call.form("StatusCallbackMethod")).isEqualTo("POST");
    assertThat(call.formValues("StatusCallbackEvent")).containsExactly("answered", "completed");
    assertThat(
            app.awaitNotification(owner, incident.id(), notification, "sent")
                .path("providerMessageId")
                .asText())
        .matches(TWILIO_SID)
        .startsWith("CA");

    WebhookReply twiml =
        app.postSigned(ProviderApp.pathOf(voiceUrl), ProviderApp.callParams(erin.phone()));

    assertThat(twiml.status()).isEqualTo(200);
    assertThat(twiml.contentType()).startsWith("application/xml");
    Element gather = gatherOf(twiml.body());
    assertThat(gather.getAttribute("numDigits")).isEqualTo("1");
    assertThat(gather.getAttribute("action")).isEqualTo(voiceUrl + "/keys");
    assertThat(gather.getAttribute("method")).isEqualTo("POST");
    assertThat(sayIn(gather))
        .isEqualTo(
            "This is Switchboard for "
                + owner.slug()
                + ". Incident "
                + incident.number()
                + ", high urgency, on Checkout: latency p99 > 2s & rising."
                + " Press 4 to acknowledge, 6 to resolve, 5 to escalate, or star to repeat.");
  }

  @Test
  void pressingFourOnThePagingCallAcknowledgesTheIncident() {
    Responder erin = voiceResponder();
    String service = paging.service("Checkout", onePolicy(erin));
    Incident incident = trigger(service, "cart errors");
    app.awaitCalls(erin.phone(), 1);
    String keys = voicePath(onlyNotification(incident)) + "/keys";
    Map<String, String> params = new LinkedHashMap<>(ProviderApp.callParams(erin.phone()));
    params.put("Digits", "4");

    WebhookReply answer = app.postSigned(keys, params);

    assertThat(answer.status()).isEqualTo(200);
    List<Element> verbs =
        ProviderApp.children(ProviderApp.twiml(answer.body()).getDocumentElement());
    assertThat(verbs).extracting(Element::getTagName).containsExactly("Say", "Hangup");
    assertThat(verbs.get(0).getTextContent())
        .isEqualTo("Incident " + incident.number() + " acknowledged. Goodbye.");
    JsonNode detail = app.incident(owner, incident.id());
    assertThat(detail.path("incident").path("status").asText()).isEqualTo("acknowledged");
    assertThat(detail.path("incident").path("acknowledgedBy").asText()).isEqualTo(erin.name());
    assertThat(app.timeline(owner, incident.id()))
        .filteredOn(e -> e.path("kind").asText().equals("acknowledged"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.path("channel").asText()).isEqualTo("voice");
              assertThat(e.path("message").asText())
                  .isEqualTo("Acknowledged by " + erin.name() + " via phone");
            });
  }

  @Test
  void pressingStarOnThePagingCallRepeatsTheMenu() {
    Responder erin = voiceResponder();
    String service = paging.service("Checkout", onePolicy(erin));
    Incident incident = trigger(service, "cart errors");
    app.awaitCalls(erin.phone(), 1);
    String voice = voicePath(onlyNotification(incident));
    String menu =
        sayIn(gatherOf(app.postSigned(voice, ProviderApp.callParams(erin.phone())).body()));
    Map<String, String> params = new LinkedHashMap<>(ProviderApp.callParams(erin.phone()));
    params.put("Digits", "*");

    WebhookReply repeated = app.postSigned(voice + "/keys", params);

    assertThat(repeated.status()).isEqualTo(200);
    Element gather = gatherOf(repeated.body());
    assertThat(gather.getAttribute("action")).isEqualTo(PUBLIC_URL + voice + "/keys");
    assertThat(sayIn(gather)).isEqualTo(menu);
    assertThat(status(incident)).isEqualTo("triggered");
  }

  @Test
  void aCallWebhookWithoutAValidSignatureIsRefused() {
    Responder erin = voiceResponder();
    String service = paging.service("Checkout", onePolicy(erin));
    Incident incident = trigger(service, "cart errors");
    app.awaitCalls(erin.phone(), 1);
    String keys = voicePath(onlyNotification(incident)) + "/keys";
    Map<String, String> params = new LinkedHashMap<>(ProviderApp.callParams(erin.phone()));
    params.put("Digits", "4");
    // Signed for the address Switchboard listens on, not the public URL Twilio calls.
    String local = ProviderApp.sign(AUTH_TOKEN, app.localUrl() + keys, params);

    assertThat(app.postForm(keys, params, local).status()).isEqualTo(403);
    assertThat(app.postForm(keys, params, null).status()).isEqualTo(403);
    assertThat(status(incident)).isEqualTo("triggered");
  }

  // --- helpers -----------------------------------------------------------------------------

  private record Responder(Login login, String phone, String name) {
    String id() {
      return login.userId();
    }
  }

  private record Incident(String id, long number) {}

  /** A responder paged by SMS at once for high urgency. */
  private Responder smsResponder() {
    Login member = api.addMember(owner, "responder");
    String phone = ProviderApp.newPhone();
    String method = app.verifiedMethod(owner, member.userId(), "sms", phone);
    paging.rule(member.userId(), method, "high", 0);
    return new Responder(member, phone, nameOf(member));
  }

  /** A responder paged by a call at once for high urgency. */
  private Responder voiceResponder() {
    Login member = api.addMember(owner, "responder");
    String phone = ProviderApp.newPhone();
    String method = app.verifiedMethod(owner, member.userId(), "voice", phone);
    paging.rule(member.userId(), method, "high", 0);
    return new Responder(member, phone, nameOf(member));
  }

  private String nameOf(Login member) {
    return api.get("/api/v1/users/" + member.userId(), owner).body().path("name").asText();
  }

  /** One step paging the responder; the next round is far enough away not to fire in a test. */
  private String onePolicy(Responder responder) {
    return paging.policy(
        "Page " + responder.id(), 0, 30, List.of(List.of(Paging.user(responder.id()))));
  }

  private Incident trigger(String service, String title) {
    Reply triggered = paging.trigger(service, title, "high", null);
    assertThat(triggered.status()).isEqualTo(201);
    return new Incident(
        triggered.body().path("incident").path("id").asText(),
        triggered.body().path("incident").path("number").asLong());
  }

  private String onlyNotification(Incident incident) {
    JsonNode notifications = app.incident(owner, incident.id()).path("notifications");
    assertThat(notifications).hasSize(1);
    return notifications.get(0).path("id").asText();
  }

  private JsonNode notificationOn(Incident incident, String channel) {
    for (JsonNode n : app.incident(owner, incident.id()).path("notifications")) {
      if (n.path("channel").asText().equals(channel)) {
        return n;
      }
    }
    throw new AssertionError("no " + channel + " notification for incident " + incident.id());
  }

  private String status(Incident incident) {
    return app.incident(owner, incident.id()).path("incident").path("status").asText();
  }

  private String statusPath(String notification) {
    return "/api/v1/webhooks/twilio/status/" + owner.tenantId() + "/" + notification;
  }

  private String voicePath(String notification) {
    return "/api/v1/webhooks/twilio/voice/" + owner.tenantId() + "/" + notification;
  }

  private static Map<String, String> smsStatus(String sid, String to, String status) {
    Map<String, String> params = new LinkedHashMap<>();
    params.put("AccountSid", ACCOUNT_SID);
    params.put("MessageSid", sid);
    params.put("SmsSid", sid);
    params.put("From", FROM_NUMBER);
    params.put("To", to);
    params.put("MessageStatus", status);
    params.put("SmsStatus", status);
    if (status.equals("undelivered")) {
      params.put("ErrorCode", "30003");
    }
    params.put("ApiVersion", "2010-04-01");
    return params;
  }

  private static List<RecordedRequest> pagesIn(List<RecordedRequest> sms) {
    return sms.stream().filter(r -> !r.form("Body").contains("verification code")).toList();
  }

  private static List<String> kindsAfter(List<JsonNode> timeline, String first) {
    List<String> kinds = timeline.stream().map(e -> e.path("kind").asText()).toList();
    int start = kinds.indexOf(first);
    return start < 0 ? List.of() : kinds.subList(start, kinds.size());
  }

  /** {@code +14155550123} as the timeline shows it. */
  private static String masked(String phone) {
    return phone.substring(0, 2) + "•••••" + phone.substring(phone.length() - 4);
  }

  private static String link(Pattern pattern, String text) {
    Matcher matcher = pattern.matcher(text);
    assertThat(matcher.find()).as("a link matching %s in %s", pattern, text).isTrue();
    return matcher.group(1);
  }

  private static Element gatherOf(String twiml) {
    List<Element> verbs = ProviderApp.children(ProviderApp.twiml(twiml).getDocumentElement());
    assertThat(verbs).extracting(Element::getTagName).startsWith("Gather");
    return verbs.get(0);
  }

  private static String sayIn(Element gather) {
    List<Element> says = ProviderApp.children(gather);
    assertThat(says).extracting(Element::getTagName).containsExactly("Say");
    return says.get(0).getTextContent();
  }

  /** At most 160 septets of GSM-7: basic-table characters take one, extension-table two. */
  private static void assertOneGsm7Segment(String body) {
    int septets = 0;
    for (char c : body.toCharArray()) {
      if (GSM7_BASIC.indexOf(c) >= 0) {
        septets += 1;
      } else if (GSM7_EXTENSION.indexOf(c) >= 0) {
        septets += 2;
      } else {
        throw new AssertionError("'" + c + "' is not GSM-7, in: " + body);
      }
    }
    assertThat(septets).as("GSM-7 septets of %s", body).isLessThanOrEqualTo(160);
  }
}
