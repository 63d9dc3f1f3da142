package com.switchboard.notify;

import static com.switchboard.testing.ProviderApp.AUTH_TOKEN;
import static com.switchboard.testing.ProviderApp.PUBLIC_URL;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.switchboard.testing.Api;
import com.switchboard.testing.Api.Login;
import com.switchboard.testing.Api.Reply;
import com.switchboard.testing.Paging;
import com.switchboard.testing.ProviderApp;
import com.switchboard.testing.ProviderApp.WebhookReply;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * SMS replies as Twilio delivers them: a form POST to {@code /api/v1/webhooks/twilio/sms} signed
 * with the account's auth token for the public URL, answered with TwiML. The pages themselves go
 * out through twilio-java to a local stub.
 */
class TwilioSmsReplyTest {
  private static final String SMS_WEBHOOK = "/api/v1/webhooks/twilio/sms";

  private static ProviderApp app;
  private static Api api;

  private Login owner;
  private Paging paging;
  private Login member;
  private String memberName;
  private String phone;
  private String service;

  @BeforeAll
  static void startSwitchboardAgainstTheStub() {
    app = ProviderApp.start();
    api = app.api();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  /** A tenant whose one responder is paged by SMS at once for every high-urgency incident. */
  @BeforeEach
  void responderPagedBySms() {
    owner = api.signup("Sms Replies");
    paging = new Paging(api, owner);
    member = api.addMember(owner, "responder");
    memberName = api.get("/api/v1/users/" + member.userId(), owner).body().path("name").asText();
    phone = ProviderApp.newPhone();
    String method = app.verifiedMethod(owner, member.userId(), "sms", phone);
    paging.rule(member.userId(), method, "high", 0);
    String policy =
        paging.policy("SMS first", 0, 30, List.of(List.of(Paging.user(member.userId()))));
    service = paging.service("Checkout API", policy);
  }

  @AfterEach
  void forgetRequests() {
    app.stub().clear();
  }

  @Test
  void aSignedReplyWithTheNumberAndAAcknowledgesAndAnswersInTwiml() {
    Incident incident = pagedIncident("error rate 12%");

    WebhookReply reply = reply(phone, incident.number() + "A");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(reply.contentType()).startsWith("application/xml");
    assertThat(answerTo(reply))
        .isEqualTo("Switchboard: #" + incident.number() + " acknowledged. error rate 12%");
    JsonNode detail = app.incident(owner, incident.id());
    assertThat(detail.path("incident").path("status").asText()).isEqualTo("acknowledged");
    assertThat(detail.path("incident").path("acknowledgedBy").asText()).isEqualTo(memberName);
    assertThat(app.timeline(owner, incident.id()))
        .filteredOn(e -> e.path("kind").asText().equals("acknowledged"))
        .singleElement()
        .satisfies(
            e -> {
              assertThat(e.path("channel").asText()).isEqualTo("sms");
              assertThat(e.path("actor").asText()).isEqualTo(memberName);
              assertThat(e.path("message").asText())
                  .isEqualTo("Acknowledged by " + memberName + " via SMS");
            });
  }

  @Test
  void aReplyWithAWrongOrMissingSignatureIsRefusedAndChangesNothing() {
    Incident incident = pagedIncident("error rate 12%");
    int events = app.timeline(owner, incident.id()).size();
    Map<String, String> params = inbound(phone, incident.number() + "A");
    String url = PUBLIC_URL + SMS_WEBHOOK;
    Map<String, String> otherBody = inbound(phone, incident.number() + "R");

    List<WebhookReply> refused =
        List.of(
            app.postForm(SMS_WEBHOOK, params, ProviderApp.sign("wrong-token", url, params)),
            app.postForm(SMS_WEBHOOK, params, ProviderApp.sign(AUTH_TOKEN, url, otherBody)),
            app.postForm(
                SMS_WEBHOOK,
                params,
                ProviderApp.sign(AUTH_TOKEN, app.localUrl() + SMS_WEBHOOK, params)),
            app.postForm(SMS_WEBHOOK, params, ""),
            app.postForm(SMS_WEBHOOK, params, null));

    assertThat(refused)
        .allSatisfy(
            r -> {
              assertThat(r.status()).isEqualTo(403);
              assertThat(r.contentType()).startsWith("application/json");
              assertThat(r.body()).contains("\"code\":\"forbidden\"");
            });
    JsonNode detail = app.incident(owner, incident.id());
    assertThat(detail.path("incident").path("status").asText()).isEqualTo("triggered");
    assertThat(app.timeline(owner, incident.id())).hasSize(events);
  }

  @Test
  void aReplyFromAnUnknownNumberGetsAnEmptyResponse() {
    Incident incident = pagedIncident("error rate 12%");

    WebhookReply reply = reply(ProviderApp.newPhone(), incident.number() + "A");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(verbsOf(reply)).isEmpty();
    assertThat(status(incident)).isEqualTo("triggered");
  }

  @Test
  void ackFollowedByTheNumberAcknowledges() {
    Incident incident = pagedIncident("queue backlog");

    WebhookReply reply = reply(phone, "ack " + incident.number());

    assertThat(answerTo(reply))
        .isEqualTo("Switchboard: #" + incident.number() + " acknowledged. queue backlog");
    assertThat(status(incident)).isEqualTo("acknowledged");
  }

  @Test
  void aBareAActsOnTheOneIncidentPagingTheNumber() {
    Incident incident = pagedIncident("queue backlog");

    WebhookReply reply = reply(phone, "A");

    assertThat(answerTo(reply))
        .isEqualTo("Switchboard: #" + incident.number() + " acknowledged. queue backlog");
    assertThat(status(incident)).isEqualTo("acknowledged");
  }

  @Test
  void aReplyToAnAcknowledgedIncidentSaysWhoAcknowledgedIt() {
    Incident incident = pagedIncident("queue backlog");
    Reply acked = api.post("/api/v1/incidents/" + incident.id() + "/acknowledge", Map.of(), owner);
    assertThat(acked.status()).isEqualTo(200);
    String ownerName =
        api.get("/api/v1/users/" + owner.userId(), owner).body().path("name").asText();
    int events = app.timeline(owner, incident.id()).size();

    WebhookReply reply = reply(phone, incident.number() + "A");

    assertThat(answerTo(reply))
        .isEqualTo(
            "Switchboard: #"
                + incident.number()
                + " was already acknowledged by "
                + ownerName
                + ".");
    JsonNode detail = app.incident(owner, incident.id());
    assertThat(detail.path("incident").path("acknowledgedBy").asText()).isEqualTo(ownerName);
    assertThat(app.timeline(owner, incident.id())).hasSize(events);
  }

  @Test
  void aReplyToAResolvedIncidentSaysItIsAlreadyResolved() {
    Incident incident = pagedIncident("queue backlog");
    Reply resolved = api.post("/api/v1/incidents/" + incident.id() + "/resolve", Map.of(), owner);
    assertThat(resolved.status()).isEqualTo(200);

    WebhookReply ack = reply(phone, incident.number() + "A");
    WebhookReply resolve = reply(phone, incident.number() + "R");

    assertThat(answerTo(ack))
        .isEqualTo("Switchboard: #" + incident.number() + " is already resolved.");
    assertThat(answerTo(resolve))
        .isEqualTo("Switchboard: #" + incident.number() + " is already resolved.");
    assertThat(status(incident)).isEqualTo("resolved");
  }

  @Test
  void aReplyWithAnEmojiIsReadAsUtf8WhenTheFormNamesNoCharset() {
    Incident incident = pagedIncident("queue backlog");
    Map<String, String> params = inbound(phone, "\uD83D\uDC4D " + incident.number() + "A");
    String signature = ProviderApp.sign(AUTH_TOKEN, PUBLIC_URL + SMS_WEBHOOK, params);

    WebhookReply reply =
        app.postForm(SMS_WEBHOOK, params, signature, "application/x-www-form-urlencoded");

    assertThat(reply.status()).as("answer %s", reply.body()).isEqualTo(200);
    assertThat(answerTo(reply)).startsWith("Switchboard: not understood.");
    assertThat(status(incident)).isEqualTo("triggered");
  }

  @Test
  void helpExplainsTheReplyCodes() {
    WebhookReply reply = reply(phone, "HELP");

    assertThat(reply.status()).isEqualTo(200);
    assertThat(answerTo(reply))
        .startsWith("Switchboard: reply 42A to ack incident 42, 42R to resolve")
        .contains("STOP");
    assertThat(com.switchboard.notify.sms.SmsText.septets(answerTo(reply)))
        .isLessThanOrEqualTo(com.switchboard.notify.sms.SmsText.SEGMENT_SEPTETS);
  }

  @Test
  void afterFiveUselessRepliesInARowTheNumberGetsNoAnswerUntilAnActionSucceeds() {
    Incident incident = pagedIncident("queue backlog");

    for (int i = 1; i <= 5; i++) {
      assertThat(answerTo(reply(phone, "thanks, on it")))
          .as("answer to useless reply %d", i)
          .startsWith("Switchboard: not understood.");
    }
    WebhookReply sixth = reply(phone, "thanks, on it");
    WebhookReply unknownIncident = reply(phone, "9999A");

    assertThat(sixth.status()).isEqualTo(200);
    assertThat(verbsOf(sixth)).isEmpty();
    assertThat(verbsOf(unknownIncident)).isEmpty();

    WebhookReply acted = reply(phone, incident.number() + "A");

    assertThat(answerTo(acted))
        .isEqualTo("Switchboard: #" + incident.number() + " acknowledged. queue backlog");
    assertThat(answerTo(reply(phone, "thanks, on it"))).startsWith("Switchboard: not understood.");
  }

  // --- helpers -----------------------------------------------------------------------------

  private record Incident(String id, long number) {}

  /** Triggers an incident and waits until its page has been handed to Twilio. */
  private Incident pagedIncident(String title) {
    int before = app.smsTo(phone).size();
    Reply triggered = paging.trigger(service, title, "high", null);
    assertThat(triggered.status()).isEqualTo(201);
    Incident incident =
        new Incident(
            triggered.body().path("incident").path("id").asText(),
            triggered.body().path("incident").path("number").asLong());
    app.awaitSms(phone, before + 1);
    String notification =
        app.incident(owner, incident.id()).path("notifications").get(0).path("id").asText();
    app.awaitNotification(owner, incident.id(), notification, "sent");
    return incident;
  }

  private String status(Incident incident) {
    return app.incident(owner, incident.id()).path("incident").path("status").asText();
  }

  /** An inbound SMS as Twilio posts it. */
  private static Map<String, String> inbound(String from, String body) {
    return ProviderApp.inboundSms(from, body);
  }

  private static WebhookReply reply(String from, String body) {
    return app.postSigned(SMS_WEBHOOK, inbound(from, body));
  }

  private static List<Element> verbsOf(WebhookReply reply) {
    assertThat(reply.status()).as("status of %s", reply.body()).isEqualTo(200);
    return ProviderApp.children(ProviderApp.twiml(reply.body()).getDocumentElement());
  }

  /** The text of the one {@code <Message>} a reply answers with. */
  private static String answerTo(WebhookReply reply) {
    List<Element> verbs = verbsOf(reply);
    assertThat(verbs).as("TwiML %s", reply.body()).hasSize(1);
    assertThat(verbs.get(0).getTagName()).isEqualTo("Message");
    return verbs.get(0).getTextContent();
  }
}
