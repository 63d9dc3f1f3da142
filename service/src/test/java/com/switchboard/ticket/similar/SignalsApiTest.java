package com.switchboard.ticket.similar;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.switchboard.tenant.TenantId;
import com.switchboard.testing.Api;
import com.switchboard.testing.Api.Login;
import com.switchboard.testing.Api.Reply;
import com.switchboard.testing.TestApp;
import com.switchboard.testing.TestClock;
import com.switchboard.ticket.similar.SimilarTickets.Grouped;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The signals API as a client sees it: support settings, ticket groups (tickets seeded in the
 * database at chosen instants), a ticket's similar tickets, and the status board.
 */
class SignalsApiTest {
  private static final String V1 = "/api/v1";
  private final Api api = TestApp.api();
  private Login owner;
  private TicketSeed seed;
  private Instant now;

  @BeforeEach
  void setUp() {
    owner = api.signup("Signals");
    seed = TicketSeed.of(new TenantId(UUID.fromString(owner.tenantId())));
    now = TestClock.shared().instant();
  }

  @Test
  void doesEngineeringKnowNamesTheServicesThatGotTicketsLikeThisOneLately() {
    String team = api.createTeam(owner, "Engineering", "engineering");
    String login = api.createService(owner, "Login Service", "", team);
    String checkout = api.createService(owner, "Checkout API", "", team);
    for (String subject :
        List.of(
            "Login fails with error 500 after password reset",
            "Error 500 when I log in after resetting my password",
            "Password reset then login fails, error 500")) {
      ticket(subject, login);
    }
    String filedElsewhere = ticket("Login fails: error 500 since my password reset", checkout);
    String unrelated = ticket("Invoice PDF is missing our logo", checkout);

    Reply known = api.get(V1 + "/tickets/" + filedElsewhere + "/engineering-status", owner);
    assertThat(known.status()).as(known.toString()).isEqualTo(200);
    assertThat(known.body().path("serviceName").asText()).isEqualTo("Checkout API");
    JsonNode similar = known.body().path("similarServices");
    assertThat(similar).as(known.toString()).hasSize(1);
    assertThat(similar.get(0).path("serviceId").asText()).isEqualTo(login);
    assertThat(similar.get(0).path("serviceName").asText()).isEqualTo("Login Service");
    assertThat(similar.get(0).path("tickets").asInt()).isEqualTo(3);
    assertThat(similar.get(0).path("score").asDouble())
        .isGreaterThanOrEqualTo(TextSimilarity.THRESHOLD);

    Reply nothingLikeIt = api.get(V1 + "/tickets/" + unrelated + "/engineering-status", owner);
    assertThat(nothingLikeIt.body().path("similarServices")).as(nothingLikeIt.toString()).isEmpty();
  }

  private String ticket(String subject, String serviceId) {
    Reply created =
        api.post(
            V1 + "/tickets",
            Map.of("subject", subject, "priority", "normal", "serviceId", serviceId),
            owner);
    assertThat(created.status()).as(created.toString()).isEqualTo(201);
    return created.body().path("ticket").path("id").asText();
  }

  @Test
  void settingsStartAtTheDefaultsAndOwnersChangeThem() {
    Reply defaults = api.get(V1 + "/support-settings", owner);
    assertThat(defaults.status()).isEqualTo(200);
    assertThat(defaults.body().path("surgeThreshold").asInt()).isEqualTo(5);
    assertThat(defaults.body().path("surgeWindowMinutes").asInt()).isEqualTo(15);
    assertThat(defaults.body().path("surgeAlertPolicyId").isNull()).isTrue();

    Reply changed =
        api.put(
            V1 + "/support-settings", Map.of("surgeThreshold", 3, "surgeWindowMinutes", 30), owner);
    assertThat(changed.status()).as(changed.toString()).isEqualTo(200);
    assertThat(api.get(V1 + "/support-settings", api.addMember(owner, "viewer")).body())
        .isEqualTo(changed.body());
    assertThat(api.get(V1 + "/audit", owner).raw()).contains("support_settings.changed");

    Reply unknownPolicy =
        api.put(
            V1 + "/support-settings",
            Map.of(
                "surgeThreshold", 3,
                "surgeWindowMinutes", 30,
                "surgeAlertPolicyId", UUID.randomUUID().toString()),
            owner);
    assertThat(unknownPolicy.status()).isEqualTo(404);
    assertThat(unknownPolicy.errorCode()).isEqualTo("not_found");
    Reply tooLow =
        api.put(
            V1 + "/support-settings", Map.of("surgeThreshold", 1, "surgeWindowMinutes", 30), owner);
    assertThat(tooLow.status()).isEqualTo(422);
  }

  @Test
  void aSurgingGroupIsListedWithItsTicketsCountsAndTopTerms() {
    String team = api.createTeam(owner, "Payments", "engineering");
    String checkout = api.createService(owner, "Checkout API", "", team);
    List<UUID> cards = new ArrayList<>();
    for (int i = 0; i < 5; i++) {
      UUID ticket = UUID.randomUUID();
      Grouped grouped =
          seed.create(
              ticket,
              "Card declined at checkout",
              "Customer " + i + " reports the card is declined at checkout",
              UUID.fromString(checkout),
              now.minus(Duration.ofMinutes(10 - i)));
      cards.add(ticket);
      assertThat(grouped.surgeAlerted()).isEqualTo(i == 4);
    }
    UUID calm = UUID.randomUUID();
    seed.create(
        calm,
        "CSV export times out",
        "The monthly CSV export fails",
        null,
        now.minus(Duration.ofMinutes(5)));

    JsonNode surging = api.get(V1 + "/ticket-groups?surging=true", owner).body().path("items");
    assertThat(surging).hasSize(1);
    JsonNode group = surging.get(0);
    assertThat(group.path("serviceName").asText()).isEqualTo("Checkout API");
    assertThat(group.path("ticketCount").asInt()).isEqualTo(5);
    assertThat(group.path("recentCount").asInt()).isEqualTo(5);
    assertThat(group.path("surging").asBoolean()).isTrue();
    assertThat(group.path("alertedAt").isTextual()).isTrue();
    assertThat(texts(group.path("topTerms"))).contains("card", "declin", "checkout");
    assertThat(api.get(V1 + "/ticket-groups", owner).body().path("items")).hasSize(2);

    Reply detail = api.get(V1 + "/ticket-groups/" + group.path("id").asText(), owner);
    assertThat(detail.status()).isEqualTo(200);
    assertThat(detail.body().path("openTickets").asInt()).isEqualTo(5);
    assertThat(detail.body().path("tickets")).hasSize(5);
    assertThat(detail.body().path("tickets").get(0).path("id").asText())
        .as("newest first")
        .isEqualTo(cards.get(4).toString());

    Reply similar = api.get(V1 + "/tickets/" + cards.get(0) + "/similar", owner);
    assertThat(similar.status()).isEqualTo(200);
    assertThat(similar.body().path("group").path("id").asText())
        .isEqualTo(group.path("id").asText());
    assertThat(ids(similar.body().path("items")))
        .containsExactly(
            cards.get(4).toString(),
            cards.get(3).toString(),
            cards.get(2).toString(),
            cards.get(1).toString());
    Reply alone = api.get(V1 + "/tickets/" + calm + "/similar", owner);
    assertThat(alone.body().path("items")).isEmpty();

    assertThat(api.get(V1 + "/tickets/" + UUID.randomUUID() + "/similar", owner).status())
        .isEqualTo(404);
    assertThat(api.get(V1 + "/ticket-groups/" + UUID.randomUUID(), owner).status()).isEqualTo(404);
    assertThat(api.get(V1 + "/ticket-groups?surging=maybe", owner).status()).isEqualTo(400);
  }

  @Test
  void theStatusBoardShowsEachServiceFromItsOpenIncidents() {
    String team = api.createTeam(owner, "Platform", "engineering");
    String api1 = api.createService(owner, "Checkout API", "", team);
    String search = api.createService(owner, "Search", "", team);
    String email = api.createService(owner, "Email", "", team);
    String reports = api.createService(owner, "Reports", "", team);
    String highId = trigger(api1, "Checkout 500s", "high");
    trigger(api1, "Slow checkout", "low");
    trigger(search, "Search results stale", "low");
    String resolved = trigger(email, "Email bounces", "high");
    assertThat(api.post(V1 + "/incidents/" + resolved + "/resolve", null, owner).status())
        .isEqualTo(200);
    String acknowledged = trigger(reports, "Reports slow", "high");
    assertThat(api.post(V1 + "/incidents/" + acknowledged + "/acknowledge", null, owner).status())
        .isEqualTo(200);

    Reply board = api.get(V1 + "/status-board", api.addMember(owner, "viewer"));
    assertThat(board.status()).isEqualTo(200);
    JsonNode items = board.body().path("items");
    assertThat(texts(items, "serviceName"))
        .containsExactly("Checkout API", "Email", "Reports", "Search");
    assertThat(texts(items, "status"))
        .containsExactly("major_outage", "operational", "major_outage", "degraded");
    JsonNode checkout = items.get(0);
    assertThat(checkout.path("openIncidents")).hasSize(2);
    assertThat(texts(checkout.path("openIncidents"), "urgency")).containsExactly("low", "high");
    assertThat(ids(checkout.path("openIncidents"))).contains(highId);
    assertThat(checkout.path("openIncidents").get(1).path("number").asLong()).isPositive();
    assertThat(items.get(1).path("openIncidents")).isEmpty();
  }

  private String trigger(String serviceId, String title, String urgency) {
    Reply reply =
        api.post(
            V1 + "/incidents",
            Map.of("serviceId", serviceId, "title", title, "urgency", urgency),
            owner);
    assertThat(reply.status()).as(reply.toString()).isEqualTo(201);
    return reply.body().path("incident").path("id").asText();
  }

  private static List<String> texts(JsonNode array) {
    return StreamSupport.stream(array.spliterator(), false).map(JsonNode::asText).toList();
  }

  private static List<String> texts(JsonNode array, String field) {
    return StreamSupport.stream(array.spliterator(), false)
        .map(n -> n.path(field).asText())
        .toList();
  }

  private static List<String> ids(JsonNode array) {
    return texts(array, "id");
  }
}
