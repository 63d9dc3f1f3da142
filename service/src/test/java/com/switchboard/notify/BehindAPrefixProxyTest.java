package com.switchboard.notify;

import static com.switchboard.testing.ProviderApp.ACCOUNT_SID;
import static com.switchboard.testing.ProviderApp.AUTH_TOKEN;
import static com.switchboard.testing.ProviderApp.FROM_NUMBER;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.switchboard.testing.Api;
import com.switchboard.testing.Api.Login;
import com.switchboard.testing.Paging;
import com.switchboard.testing.ProviderApp;
import com.switchboard.testing.ProviderApp.WebhookReply;
import com.switchboard.testing.ProviderStub.RecordedRequest;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;

/**
 * Switchboard served by a proxy at {@code https://proxy.example/switchboard}: every URL handed to
 * Twilio or put in an email carries the prefix, and Twilio's signatures over those URLs are
 * accepted whether the proxy strips the prefix or forwards it to a server whose context path it is.
 */
class BehindAPrefixProxyTest {
  private static final String PUBLIC_URL = "https://proxy.example/switchboard";
  private static final Pattern ACK_LINK = Pattern.compile("Acknowledge: (\\S+)");

  @Test
  void aProxyThatStripsThePrefix() {
    try (ProviderApp app = ProviderApp.start(PUBLIC_URL, "")) {
      pageAndAnswerThroughEveryWebhook(app);
    }
  }

  @Test
  void aProxyThatForwardsThePrefixToAServerWithThatContextPath() {
    try (ProviderApp app = ProviderApp.start(PUBLIC_URL, "/switchboard")) {
      pageAndAnswerThroughEveryWebhook(app);
    }
  }

  private static void pageAndAnswerThroughEveryWebhook(ProviderApp app) {
    Api api = app.api();
    Login owner = api.signup("Behind A Proxy");
    Paging paging = new Paging(api, owner);
    Login member = api.addMember(owner, "responder");
    String sms = ProviderApp.newPhone();
    String voice = ProviderApp.newPhone();
    String email = ProviderApp.newEmail();
    for (String[] method :
        List.of(
            new String[] {"sms", sms},
            new String[] {"voice", voice},
            new String[] {"email", email})) {
      paging.rule(
          member.userId(),
          app.verifiedMethod(owner, member.userId(), method[0], method[1]),
          "high",
          0);
    }
    String policy =
        paging.policy("Everyone", 0, 30, List.of(List.of(Paging.user(member.userId()))));
    String incident =
        paging
            .trigger(paging.service("Checkout", policy), "cart errors", "high", null)
            .body()
            .path("incident")
            .path("id")
            .asText();

    String webhooks = PUBLIC_URL + "/api/v1/webhooks/twilio";
    String tenant = owner.tenantId();
    RecordedRequest text = app.awaitSms(sms, 2).get(1);
    RecordedRequest call = app.awaitCalls(voice, 1).get(0);
    String mail =
        app.awaitMail(email, 2).get(1).json().path("content").path(0).path("value").asText();
    JsonNode smsSent =
        app.awaitNotification(
            owner,
            incident,
            notificationOn(app, owner, incident, "sms").path("id").asText(),
            "sent");
    String smsNotification = smsSent.path("id").asText();
    String voiceNotification = notificationOn(app, owner, incident, "voice").path("id").asText();
    String voiceUrl = webhooks + "/voice/" + tenant + "/" + voiceNotification;
    assertThat(text.form("StatusCallback"))
        .isEqualTo(webhooks + "/status/" + tenant + "/" + smsNotification);
    assertThat(call.form("Url")).isEqualTo(voiceUrl);
    assertThat(call.form("StatusCallback"))
        .isEqualTo(webhooks + "/status/" + tenant + "/" + voiceNotification);
    Matcher ack = ACK_LINK.matcher(mail);
    assertThat(ack.find()).as(mail).isTrue();
    assertThat(ack.group(1)).startsWith(PUBLIC_URL + "/api/v1/email-actions/");
    assertThat(app.browser("GET", app.pathUnderPublicUrl(ack.group(1))).status()).isEqualTo(200);

    WebhookReply delivered =
        app.postSigned(
            app.pathUnderPublicUrl(text.form("StatusCallback")),
            Map.of(
                "AccountSid", ACCOUNT_SID,
                "MessageSid", smsSent.path("providerMessageId").asText(),
                "From", FROM_NUMBER,
                "To", sms,
                "MessageStatus", "delivered"));
    WebhookReply twiml =
        app.postSigned(app.pathUnderPublicUrl(voiceUrl), ProviderApp.callParams(voice));
    assertThat(delivered.status()).as(delivered.body()).isEqualTo(200);
    assertThat(twiml.status()).as(twiml.body()).isEqualTo(200);
    Element gather =
        ProviderApp.children(ProviderApp.twiml(twiml.body()).getDocumentElement()).get(0);
    assertThat(gather.getAttribute("action")).isEqualTo(voiceUrl + "/keys");

    Map<String, String> keys = new LinkedHashMap<>(ProviderApp.callParams(voice));
    keys.put("Digits", "4");
    WebhookReply pressed = app.postSigned(app.pathUnderPublicUrl(voiceUrl + "/keys"), keys);
    assertThat(pressed.status()).as(pressed.body()).isEqualTo(200);
    assertThat(app.incident(owner, incident).path("incident").path("status").asText())
        .isEqualTo("acknowledged");

    Map<String, String> inbound =
        Map.of("AccountSid", ACCOUNT_SID, "From", ProviderApp.newPhone(), "Body", "help");
    assertThat(app.postSigned("/api/v1/webhooks/twilio/sms", inbound).status()).isEqualTo(200);
    assertThat(
            app.postForm(
                    "/api/v1/webhooks/twilio/sms",
                    inbound,
                    ProviderApp.sign(
                        AUTH_TOKEN, app.localUrl() + "/api/v1/webhooks/twilio/sms", inbound))
                .status())
        .as("signed for the address the server sees instead of the public one")
        .isEqualTo(403);
  }

  private static JsonNode notificationOn(
      ProviderApp app, Login owner, String incident, String channel) {
    JsonNode detail = app.incident(owner, incident);
    for (JsonNode n : detail.path("notifications")) {
      if (n.path("channel").asText().equals(channel)) {
        return n;
      }
    }
    throw new AssertionError("no " + channel + " notification in " + detail);
  }
}
