package com.switchboard.contact;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.switchboard.testing.Api;
import com.switchboard.testing.InvitationSeed;
import com.switchboard.testing.Paging;
import com.switchboard.testing.TestApp;
import com.switchboard.testing.TestDatabase;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** "Send a test to myself": one short message on a verified method, through the paging provider. */
class TestMessageTest {
  private final Api api = TestApp.api();
  private Api.Login owner;
  private Paging paging;

  @BeforeEach
  void aTenant() {
    TestDatabase.get().truncateAll();
    owner = api.signup("Test Messages");
    paging = new Paging(api, owner);
  }

  @Test
  void aVerifiedNumberGetsATestSmsInTheOutbox() {
    Api.Login responder = InvitationSeed.member(api, owner, "responder");
    String number = phone();
    String method = paging.verifiedMethod(responder.userId(), "sms", number);

    Api.Reply reply = test(responder, responder.userId(), method);

    assertThat(reply.status()).as(reply.toString()).isEqualTo(200);
    assertThat(reply.body().path("sent").asBoolean()).isTrue();
    assertThat(reply.body().path("method").path("id").asText()).isEqualTo(method);
    JsonNode sms = paging.latestOutbox(number);
    assertThat(sms.path("channel").asText()).isEqualTo("sms");
    assertThat(sms.path("body").asText())
        .startsWith("Switchboard [" + owner.slug() + "] test message for");
    assertThat(api.get("/api/v1/audit?limit=5", owner).body().findValuesAsText("action"))
        .contains("contact_method.tested");
  }

  @Test
  void anEmailAndAVoiceNumberGetTheirsToo() {
    String email = paging.verifiedMethod(owner.userId(), "email", "me@test-messages.test");
    String number = phone();
    String voice = paging.verifiedMethod(owner.userId(), "voice", number);

    assertThat(test(owner, owner.userId(), email).status()).isEqualTo(200);
    assertThat(test(owner, owner.userId(), voice).status()).isEqualTo(200);

    JsonNode mail = paging.latestOutbox("me@test-messages.test");
    assertThat(mail.path("subject").asText()).isEqualTo("Switchboard test message");
    JsonNode call = paging.latestOutbox(number);
    assertThat(call.path("channel").asText()).isEqualTo("voice");
    assertThat(call.path("body").asText()).contains("test call");
  }

  @Test
  void anUnverifiedMethodIs409AndSendsNothing() {
    Api.Reply added =
        api.post(
            "/api/v1/users/" + owner.userId() + "/contact-methods",
            Map.of("channel", "email", "address", "pending@test-messages.test"),
            owner);
    String method = added.body().path("method").path("id").asText();
    int before = paging.outbox().size();

    Api.Reply reply = test(owner, owner.userId(), method);

    assertThat(reply.status()).as(reply.toString()).isEqualTo(409);
    assertThat(reply.errorCode()).isEqualTo("conflict");
    assertThat(reply.body().path("error").path("message").asText()).contains("verify");
    assertThat(paging.outbox()).hasSize(before);
  }

  @Test
  void onlyTheOwnerSignedInOrAnAdminMayTestAMethod() {
    Api.Login responder = InvitationSeed.member(api, owner, "responder");
    Api.Login colleague = InvitationSeed.member(api, owner, "responder");
    String method = paging.verifiedMethod(responder.userId(), "sms", phone());

    Api.Reply byColleague = test(colleague, responder.userId(), method);
    Api.Reply byOwnKey = test(api.createKey(owner, "responder"), responder.userId(), method);
    Api.Reply byAdmin = test(owner, responder.userId(), method);
    Api.Reply wrongUser = test(owner, colleague.userId(), method);

    assertThat(byColleague.status()).isEqualTo(403);
    assertThat(byOwnKey.status()).isEqualTo(403);
    assertThat(byAdmin.status()).isEqualTo(200);
    assertThat(wrongUser.status()).isEqualTo(404);
  }

  @Test
  void aMethodGetsFiveTestsAnHour() {
    String method = paging.verifiedMethod(owner.userId(), "sms", phone());

    for (int n = 1; n <= 5; n++) {
      assertThat(test(owner, owner.userId(), method).status()).as("test %d", n).isEqualTo(200);
    }
    Api.Reply sixth = test(owner, owner.userId(), method);

    assertThat(sixth.status()).as(sixth.toString()).isEqualTo(429);
    assertThat(sixth.errorCode()).isEqualTo("rate_limited");
    assertThat(sixth.headers().firstValue("Retry-After")).isPresent();
  }

  private Api.Reply test(Api.Auth who, String userId, String methodId) {
    return api.post(
        "/api/v1/users/" + userId + "/contact-methods/" + methodId + "/test", null, who);
  }

  private static String phone() {
    return "+1415" + (2_000_000 + ThreadLocalRandom.current().nextInt(7_000_000));
  }
}
