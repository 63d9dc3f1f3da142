package com.switchboard.incident;

import static com.switchboard.testing.ProviderApp.FROM_NUMBER;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.switchboard.testing.Api;
import com.switchboard.testing.Api.Login;
import com.switchboard.testing.Api.Reply;
import com.switchboard.testing.Paging;
import com.switchboard.testing.ProviderApp;
import com.switchboard.testing.ProviderStub.RecordedRequest;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Status updates to the people already paged: through the real provider SDKs against the {@link
 * com.switchboard.testing.ProviderStub}, only to those who opted in, whose page was sent, and who
 * did not make the change themselves, on the contact method that paged them.
 */
class StatusUpdatesTest {
  private static ProviderApp app;
  private static Api api;

  private Login owner;
  private Paging paging;

  @BeforeAll
  static void start() {
    app = ProviderApp.start();
    api = app.api();
  }

  @AfterAll
  static void stop() {
    app.close();
  }

  @BeforeEach
  void tenant() {
    owner = api.signup("Status Updates");
    paging = new Paging(api, owner);
  }

  @Test
  void theOptedInPagedHearOfAnAcknowledgementAndAResolutionOnTheMethodThatPagedThem() {
    Person alice = person("sms", ProviderApp.newPhone(), true);
    Person bob = person("email", ProviderApp.newEmail(), true);
    Person carol = person("sms", ProviderApp.newPhone(), false);
    Person dave = person("sms", ProviderApp.newPhone(), true);
    // Dave is only on the second step, thirty minutes away: his page is never sent.
    String policy =
        paging.policy(
            "Checkout on call",
            0,
            30,
            List.of(
                List.of(Paging.user(alice.id()), Paging.user(bob.id()), Paging.user(carol.id())),
                List.of(Paging.user(dave.id()))));
    String service = paging.service("Checkout", policy);
    Reply triggered = paging.trigger(service, "card declines", "high", null);
    assertThat(triggered.status()).isEqualTo(201);
    String incident = triggered.body().path("incident").path("id").asText();
    long number = triggered.body().path("incident").path("number").asLong();
    app.awaitSms(alice.address(), 2);
    app.awaitSms(carol.address(), 2);
    app.awaitMail(bob.address(), 2);
    awaitSent(incident, 3);

    // Alice acknowledges by replying to her page.
    ProviderApp.WebhookReply reply =
        app.postSigned(
            "/api/v1/webhooks/twilio/sms", ProviderApp.inboundSms(alice.address(), number + "A"));
    assertThat(reply.status()).isEqualTo(200);

    RecordedRequest ackMail = app.awaitMail(bob.address(), 3).get(2);
    assertThat(ackMail.json().path("subject").asText()).isEqualTo("#" + number + " card declines");
    assertThat(ackMail.json().path("content").path(0).path("value").asText())
        .isEqualTo("Acknowledged by " + alice.name() + " via SMS — no action needed.");
    assertThat(updatesSent(incident))
        .containsExactly(Map.entry("Status update sent to 1 person", List.of(bob.id())));

    Reply resolved = api.post("/api/v1/incidents/" + incident + "/resolve", null, owner);
    assertThat(resolved.status()).isEqualTo(200);

    List<RecordedRequest> aliceSms = app.awaitSms(alice.address(), 3);
    assertThat(aliceSms).hasSize(3);
    assertThat(aliceSms.get(2).form("From")).isEqualTo(FROM_NUMBER);
    assertThat(aliceSms.get(2).form("Body"))
        .isEqualTo(
            "#" + number + " card declines: Resolved by " + ownerName() + " via the web UI.");
    assertThat(
            app.awaitMail(bob.address(), 4)
                .get(3)
                .json()
                .path("content")
                .path(0)
                .path("value")
                .asText())
        .isEqualTo("Resolved by " + ownerName() + " via the web UI.");
    assertThat(updatesSent(incident))
        .containsExactly(
            Map.entry("Status update sent to 1 person", List.of(bob.id())),
            Map.entry(
                "Status update sent to 2 people",
                List.of(alice.id(), bob.id()).stream().sorted().toList()));
    // Carol did not opt in and Dave was never paged: neither is among those told, nor texted.
    assertThat(app.smsTo(carol.address())).hasSize(2);
    assertThat(app.smsTo(dave.address())).hasSize(1);
  }

  @Test
  void theSettingIsOffUntilThePersonTurnsItOnInTheirProfile() {
    Login member = api.addMember(owner, "responder");
    String path = "/api/v1/users/" + member.userId();
    assertThat(api.get(path, member).body().path("statusUpdates").asBoolean()).isFalse();

    Reply on = api.patch(path, Map.of("statusUpdates", true), member);

    assertThat(on.status()).as(on.toString()).isEqualTo(200);
    assertThat(on.body().path("statusUpdates").asBoolean()).isTrue();
    assertThat(api.get(path, owner).body().path("statusUpdates").asBoolean()).isTrue();
    JsonNode audit = api.get("/api/v1/audit", owner).body();
    assertThat(audit.path("items").findValuesAsText("summary"))
        .anySatisfy(s -> assertThat(s).endsWith("status updates on"));
    Reply wrongType = api.patch(path, Map.of("statusUpdates", "sometimes"), member);
    assertThat(wrongType.status()).isBetween(400, 422);
  }

  // --- helpers

  private record Person(String id, String name, String address) {}

  private Person person(String channel, String address, boolean optIn) {
    Login member = api.addMember(owner, "responder");
    String method = app.verifiedMethod(owner, member.userId(), channel, address);
    paging.rule(member.userId(), method, "high", 0);
    if (optIn) {
      Reply on =
          api.patch("/api/v1/users/" + member.userId(), Map.of("statusUpdates", true), member);
      assertThat(on.status()).as(on.toString()).isEqualTo(200);
    }
    String name = api.get("/api/v1/users/" + member.userId(), owner).body().path("name").asText();
    return new Person(member.userId(), name, address);
  }

  private String ownerName() {
    return api.get("/api/v1/users/" + owner.userId(), owner).body().path("name").asText();
  }

  private void awaitSent(String incident, int count) {
    await()
        .atMost(ProviderApp.WAIT)
        .until(
            () -> {
              int sent = 0;
              for (JsonNode n : app.incident(owner, incident).path("notifications")) {
                if (n.path("status").asText().equals("sent")) {
                  sent++;
                }
              }
              return sent == count;
            });
  }

  /** The "status updates sent" timeline events: message → the people told, sorted. */
  private List<Map.Entry<String, List<String>>> updatesSent(String incident) {
    return app.timeline(owner, incident).stream()
        .filter(e -> e.path("kind").asText().equals("status_updates_sent"))
        .map(
            e -> {
              List<String> ids = new java.util.ArrayList<>();
              e.path("detail").path("userIds").forEach(id -> ids.add(id.asText()));
              return Map.entry(e.path("message").asText(), ids.stream().sorted().toList());
            })
        .toList();
  }
}
