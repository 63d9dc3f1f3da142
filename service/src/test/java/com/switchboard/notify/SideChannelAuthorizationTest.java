package com.switchboard.notify;

import static com.switchboard.testing.ProviderApp.ACCOUNT_SID;
import static com.switchboard.testing.ProviderApp.FROM_NUMBER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.switchboard.testing.Api;
import com.switchboard.testing.Api.Login;
import com.switchboard.testing.Api.Reply;
import com.switchboard.testing.Paging;
import com.switchboard.testing.ProviderApp;
import com.switchboard.testing.ProviderApp.WebhookReply;
import com.switchboard.testing.TestDatabase;
import io.dropwizard.testing.ConfigOverride;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * Every channel that acts on a page — an SMS reply, a key pressed on the paging call, an email link
 * — acts only on a page that reached that person, and passes the API's checks: an active user whose
 * role may respond, through a contact method that is still theirs and verified. A phone on call in
 * two tenants gets reply codes that tell their pages apart.
 */
class SideChannelAuthorizationTest {
  private static final String SMS_WEBHOOK = "/api/v1/webhooks/twilio/sms";
  private static final Pattern REPLY_CODE = Pattern.compile("Reply ([0-9]+)A ack");
  private static final Pattern ACK_LINK =
      Pattern.compile("Acknowledge: " + Pattern.quote(ProviderApp.PUBLIC_URL) + "(\\S+)");

  private static ProviderApp app;
  private static Api api;

  @BeforeAll
  static void startWithoutTheSmsRateLimit() {
    // Two tenants page one phone moments apart; the per-number rate limit would hold the second.
    app =
        ProviderApp.start(
            ConfigOverride.config("notify.smsMinInterval", "0s"),
            ConfigOverride.config("notify.smsBurst", "100"));
    api = app.api();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @AfterEach
  void forgetRequests() {
    app.stub().clear();
  }

  // --- one phone, two tenants ------------------------------------------------------------------

  @Test
  void aReplyToOneTenantsPageActsOnThatTenantsIncidentAndNotOnTheOtherTenantsSameNumber() {
    String phone = ProviderApp.newPhone();
    Tenant alpha = tenantPaging(phone, "responder", "sms");
    Tenant bravo = tenantPaging(phone, "responder", "sms");
    Paged alphaPage = alpha.page("alpha checkout down");
    Paged bravoPage = bravo.page("bravo checkout down");
    assertThat(alphaPage.number()).isEqualTo(1);
    assertThat(bravoPage.number()).isEqualTo(1);
    assertThat(alphaPage.replyCode()).isEqualTo(1);
    assertThat(bravoPage.replyCode()).as("the second #1 on the phone").isNotEqualTo(1);

    String answer = answerTo(reply(phone, alphaPage.replyCode() + "A"));

    assertThat(answer)
        .isEqualTo("Switchboard: [" + alpha.slug() + "] #1 acknowledged. alpha checkout down");
    assertThat(alpha.status(alphaPage)).isEqualTo("acknowledged");
    assertThat(bravo.status(bravoPage)).isEqualTo("triggered");

    String bravoAnswer = answerTo(reply(phone, bravoPage.replyCode() + "A"));

    assertThat(bravoAnswer)
        .isEqualTo("Switchboard: [" + bravo.slug() + "] #1 acknowledged. bravo checkout down");
    assertThat(bravo.status(bravoPage)).isEqualTo("acknowledged");
    assertThat(alpha.incident(alphaPage).path("incident").path("acknowledgedBy").asText())
        .isEqualTo(alpha.memberName());
    assertThat(bravo.incident(bravoPage).path("incident").path("acknowledgedBy").asText())
        .isEqualTo(bravo.memberName());
  }

  @Test
  void aBareAWhileTwoTenantsPageThePhoneAsksWhichAndActsOnNothing() {
    String phone = ProviderApp.newPhone();
    Tenant alpha = tenantPaging(phone, "responder", "sms");
    Tenant bravo = tenantPaging(phone, "responder", "sms");
    Paged alphaPage = alpha.page("alpha queue stuck");
    Paged bravoPage = bravo.page("bravo queue stuck");

    String answer = answerTo(reply(phone, "A"));

    assertThat(answer)
        .isEqualTo(
            "Switchboard: which one? Reply "
                + bravoPage.replyCode()
                + "A for ["
                + bravo.slug()
                + "] #1, "
                + alphaPage.replyCode()
                + "A for ["
                + alpha.slug()
                + "] #1.");
    assertThat(alpha.status(alphaPage)).isEqualTo("triggered");
    assertThat(bravo.status(bravoPage)).isEqualTo("triggered");
  }

  @Test
  void anIncidentNumberTheTenantNeverPagedToThePhoneIsNotActedOn() {
    String phone = ProviderApp.newPhone();
    Tenant alpha = tenantPaging(phone, "responder", "sms");
    Paged paged = alpha.page("paged to the phone");
    // Incident #2 exists in the tenant but pages nobody at this phone.
    Reply other = alpha.paging().trigger(alpha.quietService(), "paged to nobody", "high", null);
    assertThat(other.status()).isEqualTo(201);
    long otherNumber = other.body().path("incident").path("number").asLong();
    String otherId = other.body().path("incident").path("id").asText();

    String answer = answerTo(reply(phone, otherNumber + "R"));

    assertThat(answer)
        .isEqualTo("Switchboard: no incident #" + otherNumber + " was paged to this number.");
    assertThat(alpha.incident(otherId).path("incident").path("status").asText())
        .isEqualTo("triggered");
    assertThat(alpha.status(paged)).isEqualTo("triggered");
  }

  // --- the API's checks, on every channel ------------------------------------------------------

  @Test
  void aViewerWhoIsPagedCannotResolveByReplying() {
    String phone = ProviderApp.newPhone();
    Tenant alpha = tenantPaging(phone, "viewer", "sms");
    Paged paged = alpha.page("viewer paged");
    int events = app.timeline(alpha.owner(), paged.id()).size();

    String answer = answerTo(reply(phone, paged.replyCode() + "R"));

    assertThat(answer)
        .isEqualTo("Switchboard: not done: your role (viewer) may not act on incidents.");
    assertThat(alpha.status(paged)).isEqualTo("triggered");
    assertThat(app.timeline(alpha.owner(), paged.id())).hasSize(events);
    // The API refuses the same person the same thing.
    Login viewer = alpha.member();
    assertThat(api.post("/api/v1/incidents/" + paged.id() + "/resolve", Map.of(), viewer).status())
        .isEqualTo(403);
  }

  @Test
  void aResponderDemotedToViewerAfterThePageCannotAcknowledgeByReplying() {
    String phone = ProviderApp.newPhone();
    Tenant alpha = tenantPaging(phone, "responder", "sms");
    Paged paged = alpha.page("demoted after the page");
    Reply demoted =
        api.patch(
            "/api/v1/users/" + alpha.member().userId(), Map.of("role", "viewer"), alpha.owner());
    assertThat(demoted.status()).as(demoted.toString()).isEqualTo(200);

    String answer = answerTo(reply(phone, paged.replyCode() + "A"));

    assertThat(answer).contains("your role (viewer) may not act on incidents");
    assertThat(alpha.status(paged)).isEqualTo("triggered");
  }

  @Test
  void deactivatingAUserClearsTheirPhonesRoutingAndTheirRepliesDoNothing() throws SQLException {
    String phone = ProviderApp.newPhone();
    Tenant alpha = tenantPaging(phone, "responder", "sms");
    Paged paged = alpha.page("deactivated after the page");
    assertThat(replyCodesOf(phone)).isEqualTo(1);

    Reply deactivated =
        api.post(
            "/api/v1/users/" + alpha.member().userId() + "/deactivate", Map.of(), alpha.owner());
    assertThat(deactivated.status()).isEqualTo(200);

    assertThat(replyCodesOf(phone)).isZero();
    assertThat(routedTenantOf(phone)).isNull();
    String answer = answerTo(reply(phone, paged.replyCode() + "A"));
    assertThat(answer).isEqualTo("Switchboard: no incident #1 was paged to this number.");
    assertThat(alpha.status(paged)).isEqualTo("triggered");
  }

  @Test
  void deletingThePagedContactMethodClearsItsRoutingAndItsRepliesDoNothing() throws SQLException {
    String phone = ProviderApp.newPhone();
    Tenant alpha = tenantPaging(phone, "responder", "sms");
    Paged paged = alpha.page("method deleted after the page");

    Reply deleted =
        api.delete(
            "/api/v1/users/" + alpha.member().userId() + "/contact-methods/" + alpha.methodId(),
            alpha.owner());
    assertThat(deleted.status()).as(deleted.toString()).isEqualTo(204);

    assertThat(replyCodesOf(phone)).isZero();
    assertThat(routedTenantOf(phone)).isNull();
    answerTo(reply(phone, paged.replyCode() + "A"));
    assertThat(alpha.status(paged)).isEqualTo("triggered");
  }

  @Test
  void aViewerWhoIsCalledCannotAcknowledgeWithTheKeypad() {
    String phone = ProviderApp.newPhone();
    Tenant alpha = tenantPaging(phone, "viewer", "voice");
    Reply triggered = alpha.paging().trigger(alpha.service(), "viewer called", "high", null);
    String incident = triggered.body().path("incident").path("id").asText();
    app.awaitCalls(phone, 1);
    String notification =
        app.incident(alpha.owner(), incident).path("notifications").get(0).path("id").asText();
    Map<String, String> params = ProviderApp.callParams(phone);
    params.put("Digits", "4");

    WebhookReply answer =
        app.postSigned(
            "/api/v1/webhooks/twilio/voice/"
                + alpha.owner().tenantId()
                + "/"
                + notification
                + "/keys",
            params);

    assertThat(answer.status()).isEqualTo(200);
    List<Element> verbs =
        ProviderApp.children(ProviderApp.twiml(answer.body()).getDocumentElement());
    assertThat(verbs).extracting(Element::getTagName).containsExactly("Say", "Hangup");
    assertThat(verbs.get(0).getTextContent())
        .isEqualTo("Nothing was done: your role (viewer) may not act on incidents. Goodbye.");
    assertThat(alpha.incident(incident).path("incident").path("status").asText())
        .isEqualTo("triggered");
  }

  @Test
  void aViewerWhoIsEmailedCannotAcknowledgeWithTheLink() {
    String email = ProviderApp.newEmail();
    Tenant alpha = tenantPaging(email, "viewer", "email");
    Emailed emailed = alpha.emailed("viewer emailed");

    WebhookReply acted = app.browser("POST", emailed.ackLink());

    assertThat(acted.status()).isEqualTo(403);
    assertThat(acted.contentType()).startsWith("application/json");
    assertThat(acted.body()).contains("your role (viewer) may not act on incidents");
    assertThat(alpha.incident(emailed.incidentId()).path("incident").path("status").asText())
        .isEqualTo("triggered");
  }

  @Test
  void anEmailLinkStopsWorkingOnceItsAddressIsDeleted() {
    String email = ProviderApp.newEmail();
    Tenant alpha = tenantPaging(email, "responder", "email");
    Emailed emailed = alpha.emailed("address deleted");
    assertThat(
            api.delete(
                    "/api/v1/users/"
                        + alpha.member().userId()
                        + "/contact-methods/"
                        + alpha.methodId(),
                    alpha.owner())
                .status())
        .isEqualTo(204);

    WebhookReply acted = app.browser("POST", emailed.ackLink());

    assertThat(acted.status()).isEqualTo(403);
    assertThat(acted.body()).contains("this contact method no longer answers pages");
    assertThat(alpha.incident(emailed.incidentId()).path("incident").path("status").asText())
        .isEqualTo("triggered");
  }

  // --- helpers -------------------------------------------------------------------------------

  private record Paged(String id, long number, long replyCode) {}

  /** {@code ackLink}: the path of the email's acknowledge link. */
  private record Emailed(String incidentId, String ackLink) {}

  /**
   * A new tenant whose one member (of {@code role}) is paged at {@code address} through {@code
   * channel} at once for every high-urgency incident of its service; a second service pages an
   * unrelated responder.
   */
  private record Tenant(
      Login owner,
      Login member,
      String memberName,
      String methodId,
      String address,
      Paging paging,
      String service,
      String quietService) {
    String slug() {
      return owner.slug();
    }

    JsonNode incident(Paged paged) {
      return incident(paged.id());
    }

    JsonNode incident(String id) {
      return app.incident(owner, id);
    }

    String status(Paged paged) {
      return incident(paged).path("incident").path("status").asText();
    }

    /** Triggers an incident and waits for its email page. */
    Emailed emailed(String title) {
      int before = app.mailTo(address).size();
      Reply triggered = paging.trigger(service, title, "high", null);
      assertThat(triggered.status()).as(triggered.toString()).isEqualTo(201);
      String text =
          app.awaitMail(address, before + 1)
              .get(before)
              .json()
              .path("content")
              .path(0)
              .path("value")
              .asText();
      Matcher link = ACK_LINK.matcher(text);
      assertThat(link.find()).as(text).isTrue();
      return new Emailed(triggered.body().path("incident").path("id").asText(), link.group(1));
    }

    /** Triggers an incident and waits for its SMS; returns it with the code the SMS gives. */
    Paged page(String title) {
      int before = app.smsTo(address).size();
      Reply triggered = paging.trigger(service, title, "high", null);
      assertThat(triggered.status()).as(triggered.toString()).isEqualTo(201);
      String id = triggered.body().path("incident").path("id").asText();
      String body = app.awaitSms(address, before + 1).get(before).form("Body");
      Matcher code = REPLY_CODE.matcher(body);
      assertThat(code.find()).as(body).isTrue();
      String notification =
          app.incident(owner, id).path("notifications").get(0).path("id").asText();
      app.awaitNotification(owner, id, notification, "sent");
      return new Paged(
          id,
          triggered.body().path("incident").path("number").asLong(),
          Long.parseLong(code.group(1)));
    }
  }

  private static Tenant tenantPaging(String address, String role, String channel) {
    Login owner = api.signup("Side Channels " + UUID.randomUUID().toString().substring(0, 8));
    Paging paging = new Paging(api, owner);
    Login member = api.addMember(owner, role);
    String name = api.get("/api/v1/users/" + member.userId(), owner).body().path("name").asText();
    String method = app.verifiedMethod(owner, member.userId(), channel, address);
    paging.rule(member.userId(), method, "high", 0);
    String policy = paging.policy("Direct", 0, 30, List.of(List.of(Paging.user(member.userId()))));
    String service = paging.service("Checkout API", policy);
    Login other = api.addMember(owner, "responder");
    String quietPolicy =
        paging.policy("Other", 0, 30, List.of(List.of(Paging.user(other.userId()))));
    String quietService = paging.service("Billing", quietPolicy);
    return new Tenant(owner, member, name, method, address, paging, service, quietService);
  }

  private static WebhookReply reply(String from, String body) {
    String sid = "SM" + UUID.randomUUID().toString().replace("-", "");
    Map<String, String> params = new LinkedHashMap<>();
    params.put("MessageSid", sid);
    params.put("SmsSid", sid);
    params.put("AccountSid", ACCOUNT_SID);
    params.put("From", from);
    params.put("To", FROM_NUMBER);
    params.put("Body", body);
    params.put("NumMedia", "0");
    return app.postSigned(SMS_WEBHOOK, params);
  }

  private static String answerTo(WebhookReply reply) {
    assertThat(reply.status()).as(reply.body()).isEqualTo(200);
    List<Element> verbs =
        ProviderApp.children(ProviderApp.twiml(reply.body()).getDocumentElement());
    assertThat(verbs).as("TwiML %s", reply.body()).hasSize(1);
    return verbs.get(0).getTextContent();
  }

  private static int replyCodesOf(String phone) throws SQLException {
    try (Connection c = TestDatabase.get().dataSource().getConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT count(*) FROM sms_reply_codes WHERE phone_number = ?")) {
      s.setString(1, phone);
      try (ResultSet r = s.executeQuery()) {
        r.next();
        return r.getInt(1);
      }
    }
  }

  private static String routedTenantOf(String phone) throws SQLException {
    try (Connection c = TestDatabase.get().dataSource().getConnection();
        PreparedStatement s =
            c.prepareStatement("SELECT tenant_id::text FROM sms_numbers WHERE phone_number = ?")) {
      s.setString(1, phone);
      try (ResultSet r = s.executeQuery()) {
        return r.next() ? r.getString(1) : null;
      }
    }
  }
}
