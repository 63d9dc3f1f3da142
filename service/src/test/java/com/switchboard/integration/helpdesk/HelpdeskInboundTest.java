package com.switchboard.integration.helpdesk;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.switchboard.testing.Api;
import com.switchboard.testing.TestApp;
import com.switchboard.testing.TestDatabase;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * A helpdesk posts its tickets to Switchboard through an inbound integration: the real service and
 * PostgreSQL, authenticated only by the integration's secret.
 */
class HelpdeskInboundTest {
  private final Api api = TestApp.api();
  private Api.Login owner;

  @BeforeEach
  void tenant() {
    owner = api.signup("Helpdesk In");
  }

  private record Integration(String id, String secret, String url) {}

  private Integration integration(String kind) {
    Api.Reply created =
        api.post(
            "/api/v1/helpdesk-integrations", Map.of("name", "Our " + kind, "kind", kind), owner);
    assertThat(created.status()).as("%s", created).isEqualTo(201);
    return new Integration(
        created.id(), created.body().path("secret").asText(), created.body().path("url").asText());
  }

  private Api.Reply send(Integration integration, String secret, Object body) {
    return api.post(
        "/api/v1/helpdesk-integrations/" + integration.id() + "/events",
        body,
        secret == null ? Api.ANONYMOUS : new Api.Key(owner.tenantId(), secret));
  }

  private Api.Reply sendRaw(Integration integration, String contentType, byte[] body) {
    return api.raw(
        "POST",
        "/api/v1/helpdesk-integrations/" + integration.id() + "/events",
        contentType,
        body,
        new Api.Key(owner.tenantId(), integration.secret()));
  }

  private JsonNode ticket(String id) {
    Api.Reply reply = api.get("/api/v1/tickets/" + id, owner);
    assertThat(reply.status()).as("%s", reply).isEqualTo(200);
    return reply.body();
  }

  private List<String> kinds(JsonNode detail) {
    List<String> kinds = new ArrayList<>();
    detail.path("events").forEach(e -> kinds.add(e.path("kind").asText()));
    return kinds;
  }

  private long count(String table) {
    return TestDatabase.get().countInTenant(owner.tenantId(), table);
  }

  private static Map<String, Object> generic(String status, String priority, Object comment) {
    Map<String, Object> body = new HashMap<>();
    body.put("externalId", "HD-1001");
    body.put("subject", "Checkout fails for EU cards");
    body.put("description", "Since 9:00 every EU card is declined.");
    body.put("requester", "jo@acme.test");
    body.put("customer", Map.of("externalId", "org-7", "name", "Acme", "tier", "premium"));
    body.put("priority", priority);
    body.put("status", status);
    body.put("externalUrl", "https://helpdesk.acme.test/tickets/1001");
    if (comment != null) {
      body.put("comment", comment);
    }
    return body;
  }

  @Test
  void genericEventsCreateThenUpdateAndAReplayChangesNothing() {
    Integration hd = integration("generic");
    assertThat(hd.secret()).startsWith("hdsk_");
    assertThat(hd.url()).endsWith("/api/v1/helpdesk-integrations/" + hd.id() + "/events");

    Api.Reply created = send(hd, hd.secret(), generic("open", "high", null));
    assertThat(created.status()).as("%s", created).isEqualTo(200);
    assertThat(created.body().path("result").asText()).isEqualTo("created");
    String ticketId = created.body().path("ticketId").asText();
    JsonNode ticket = ticket(ticketId).path("ticket");
    assertThat(ticket.path("subject").asText()).isEqualTo("Checkout fails for EU cards");
    assertThat(ticket.path("status").asText()).isEqualTo("open");
    assertThat(ticket.path("priority").asText()).isEqualTo("high");
    assertThat(ticket.path("externalId").asText()).isEqualTo("HD-1001");
    assertThat(ticket.path("customerName").asText()).isEqualTo("Acme");
    assertThat(ticket.path("tier").asText()).isEqualTo("premium");

    Map<String, Object> comment =
        Map.of("body", "Still failing", "public", true, "author", "customer");
    Api.Reply updated = send(hd, hd.secret(), generic("pending", "urgent", comment));
    assertThat(updated.status()).as("%s", updated).isEqualTo(200);
    assertThat(updated.body().path("result").asText()).isEqualTo("updated");
    assertThat(updated.body().path("ticketId").asText()).isEqualTo(ticketId);
    JsonNode detail = ticket(ticketId);
    assertThat(detail.path("ticket").path("priority").asText()).isEqualTo("urgent");
    // The customer's reply reopens the pending ticket.
    assertThat(detail.path("ticket").path("status").asText()).isEqualTo("open");
    assertThat(kinds(detail)).containsOnlyOnce("customer_reply");

    long events = detail.path("events").size();
    long audits = count("audit_events");
    Api.Reply replay = send(hd, hd.secret(), generic("pending", "urgent", comment));
    assertThat(replay.status()).as("%s", replay).isEqualTo(200);
    assertThat(replay.body().path("result").asText()).isEqualTo("unchanged");
    assertThat(ticket(ticketId).path("events").size()).isEqualTo(events);
    assertThat(count("audit_events")).isEqualTo(audits);
    assertThat(count("tickets")).isEqualTo(1);
    assertThat(count("customers")).isEqualTo(1);

    // Another change with the same comment: the comment is not added twice.
    Api.Reply solved = send(hd, hd.secret(), generic("solved", "urgent", comment));
    assertThat(solved.body().path("result").asText()).isEqualTo("updated");
    JsonNode after = ticket(ticketId);
    assertThat(after.path("ticket").path("status").asText()).isEqualTo("solved");
    assertThat(kinds(after)).containsOnlyOnce("customer_reply");
  }

  @Test
  void zendeskShapedEventsAreMappedToTicketsIdempotently() {
    Integration zd = integration("zendesk");
    Map<String, Object> ticket = new HashMap<>();
    ticket.put("id", 35436);
    ticket.put("subject", "Login page blank");
    ticket.put("description", "The login page shows nothing");
    ticket.put("priority", "-");
    ticket.put("status", "New");
    ticket.put("requester", Map.of("name", "Jo Buyer", "email", "jo@globex.test"));
    ticket.put("organization", Map.of("name", "Globex"));
    ticket.put("url", "globex.zendesk.com/agent/tickets/35436");
    ticket.put("via", Map.of("channel", "web"));
    ticket.put(
        "latest_comment",
        Map.of(
            "body",
            "The login page shows nothing",
            "public",
            true,
            "author",
            Map.of("name", "Jo Buyer", "role", "end-user")));

    Api.Reply created = send(zd, zd.secret(), Map.of("ticket", ticket));
    assertThat(created.status()).as("%s", created).isEqualTo(200);
    assertThat(created.body().path("result").asText()).isEqualTo("created");
    String ticketId = created.body().path("ticketId").asText();
    JsonNode detail = ticket(ticketId);
    assertThat(detail.path("ticket").path("externalId").asText()).isEqualTo("35436");
    assertThat(detail.path("ticket").path("priority").asText()).isEqualTo("normal");
    assertThat(detail.path("ticket").path("customerName").asText()).isEqualTo("Globex");
    assertThat(detail.path("ticket").path("requester").asText())
        .isEqualTo("Jo Buyer <jo@globex.test>");
    assertThat(detail.path("ticket").path("externalUrl").asText())
        .isEqualTo("https://globex.zendesk.com/agent/tickets/35436");

    ticket.put("id", "35436");
    ticket.put("status", "Hold");
    ticket.put("priority", "High");
    Api.Reply updated = send(zd, zd.secret(), Map.of("ticket", ticket));
    assertThat(updated.body().path("result").asText()).as("%s", updated).isEqualTo("updated");
    JsonNode after = ticket(ticketId);
    assertThat(after.path("ticket").path("status").asText()).isEqualTo("on_hold");
    assertThat(after.path("ticket").path("priority").asText()).isEqualTo("high");
    assertThat(kinds(after)).containsOnlyOnce("customer_reply");

    int events = after.path("events").size();
    Api.Reply replay = send(zd, zd.secret(), Map.of("ticket", ticket));
    assertThat(replay.body().path("result").asText()).isEqualTo("unchanged");
    assertThat(ticket(ticketId).path("events").size()).isEqualTo(events);
    assertThat(count("tickets")).isEqualTo(1);

    Api.Reply unknownStatus =
        send(zd, zd.secret(), Map.of("ticket", Map.of("id", 1, "subject", "x", "status", "Odd")));
    assertThat(unknownStatus.status()).as("%s", unknownStatus).isEqualTo(422);
    assertThat(unknownStatus.errorCode()).isEqualTo("validation_failed");
  }

  @Test
  void aBadOrMissingSecretIs401AndKeepsNothing() {
    Integration hd = integration("generic");
    Integration other = integration("generic");
    long audits = count("audit_events");

    for (String secret : new String[] {null, "hdsk_wrong", other.secret()}) {
      Api.Reply refused = send(hd, secret, generic("open", "high", null));
      assertThat(refused.status()).as("%s with %s", refused, secret).isEqualTo(401);
      assertThat(refused.errorCode()).isEqualTo("unauthorized");
    }
    Api.Reply unknownId =
        api.post(
            "/api/v1/helpdesk-integrations/" + java.util.UUID.randomUUID() + "/events",
            generic("open", "high", null),
            new Api.Key(owner.tenantId(), hd.secret()));
    assertThat(unknownId.status()).isEqualTo(401);
    Api.Reply notAnId =
        api.post(
            "/api/v1/helpdesk-integrations/nope/events",
            generic("open", "high", null),
            new Api.Key(owner.tenantId(), hd.secret()));
    assertThat(notAnId.status()).isEqualTo(401);
    // A session is not the secret either.
    Api.Reply session =
        api.post(
            "/api/v1/helpdesk-integrations/" + hd.id() + "/events",
            generic("open", "high", null),
            owner);
    assertThat(session.status()).isEqualTo(401);

    assertThat(count("tickets")).isZero();
    assertThat(count("customers")).isZero();
    assertThat(count("helpdesk_tickets")).isZero();
    assertThat(count("audit_events")).isEqualTo(audits);
  }

  @Test
  void rotatingTheSecretRetiresTheOldOneAndDeletingTheIntegrationStopsIt() {
    Integration hd = integration("generic");
    Api.Reply listed = api.get("/api/v1/helpdesk-integrations", owner);
    assertThat(listed.status()).isEqualTo(200);
    assertThat(listed.body().path("items")).hasSize(1);
    assertThat(listed.body().path("items").path(0).has("secret")).isFalse();
    assertThat(listed.body().path("items").path(0).path("secretHint").asText())
        .isEqualTo("…" + hd.secret().substring(hd.secret().length() - 4));

    Api.Reply rotated =
        api.post("/api/v1/helpdesk-integrations/" + hd.id() + "/rotate-secret", null, owner);
    assertThat(rotated.status()).as("%s", rotated).isEqualTo(200);
    String fresh = rotated.body().path("secret").asText();
    assertThat(fresh).startsWith("hdsk_").isNotEqualTo(hd.secret());
    assertThat(send(hd, hd.secret(), generic("open", "low", null)).status()).isEqualTo(401);
    assertThat(send(hd, fresh, generic("open", "low", null)).status()).isEqualTo(200);

    assertThat(api.delete("/api/v1/helpdesk-integrations/" + hd.id(), owner).status())
        .isEqualTo(204);
    assertThat(api.get("/api/v1/helpdesk-integrations/" + hd.id(), owner).status()).isEqualTo(404);
    assertThat(send(hd, fresh, generic("open", "low", null)).status()).isEqualTo(401);
    assertThat(count("tickets")).as("the ticket stays").isEqualTo(1);
  }

  @Test
  void malformedOversizedAndInvalidEventsAre4xxJsonAndKeepNothing() {
    Integration hd = integration("generic");
    Api.Reply malformed =
        sendRaw(hd, "application/json", "{\"externalId\": ".getBytes(StandardCharsets.UTF_8));
    assertThat(malformed.status()).isEqualTo(400);
    assertThat(malformed.errorCode()).isEqualTo("malformed_json");

    Api.Reply unknownField =
        send(hd, hd.secret(), Map.of("externalId", "1", "subject", "s", "x", 1));
    assertThat(unknownField.status()).isEqualTo(400);
    assertThat(unknownField.errorCode()).isEqualTo("unknown_field");

    Api.Reply missing = send(hd, hd.secret(), Map.of("externalId", "1"));
    assertThat(missing.status()).as("%s", missing).isEqualTo(422);
    assertThat(missing.errorCode()).isEqualTo("validation_failed");

    Api.Reply badPriority =
        send(hd, hd.secret(), Map.of("externalId", "1", "subject", "s", "priority", "asap"));
    assertThat(badPriority.status()).isEqualTo(400);

    byte[] huge =
        ("{\"externalId\":\"1\",\"subject\":\"s\",\"description\":\"" + "d".repeat(100_000) + "\"}")
            .getBytes(StandardCharsets.UTF_8);
    Api.Reply oversized = sendRaw(hd, "application/json", huge);
    assertThat(oversized.status()).isEqualTo(413);
    assertThat(oversized.errorCode()).isEqualTo("payload_too_large");

    Api.Reply notJson = sendRaw(hd, "text/plain", "hello".getBytes(StandardCharsets.UTF_8));
    assertThat(notJson.status()).isEqualTo(415);

    assertThat(count("tickets")).isZero();
  }
}
