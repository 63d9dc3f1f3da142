package com.switchboard.tenant;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.switchboard.SwitchboardConfiguration;
import com.switchboard.testing.Api;
import com.switchboard.testing.TestApp;
import com.switchboard.testing.TestDatabase;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import java.time.DayOfWeek;
import java.time.Duration;
import java.time.Instant;
import java.time.LocalTime;
import java.time.ZoneId;
import java.time.temporal.TemporalAdjusters;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.StreamSupport;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class DemoTenantTest {
  private DropwizardTestSupport<SwitchboardConfiguration> demoApp;
  private Api api;

  @BeforeEach
  void startWithDemo() {
    TestDatabase.get().truncateAll();
    demoApp = TestApp.start(ConfigOverride.config("demo", "true"));
    api = new Api("http://localhost:" + demoApp.getLocalPort());
  }

  @AfterEach
  void stop() {
    demoApp.after();
  }

  @Test
  void demoOwnerLogsInWithThePublishedPasswordAndSeesTheDemoData() {
    Api.Login owner =
        api.login(DemoTenantLoader.SLUG, DemoTenantLoader.OWNER_EMAIL, DemoTenantLoader.PASSWORD);

    JsonNode checkout = api.get("/api/v1/services?q=checkout", owner).body().path("items");
    assertThat(checkout).hasSize(1);
    assertThat(checkout.get(0).path("name").asText()).isEqualTo("Checkout API");
    assertThat(checkout.get(0).path("team").path("name").asText()).isEqualTo("Payments");

    List<String> teams = names(api.get("/api/v1/teams", owner).body().path("items"));
    assertThat(teams).contains("Payments", "Premium Support");
    JsonNode support =
        StreamSupport.stream(
                api.get("/api/v1/teams", owner).body().path("items").spliterator(), false)
            .filter(team -> team.path("name").asText().equals("Premium Support"))
            .findFirst()
            .orElseThrow();
    assertThat(support.path("kind").asText()).isEqualTo("support");

    List<String> roles =
        StreamSupport.stream(
                api.get("/api/v1/users", owner).body().path("items").spliterator(), false)
            .map(user -> user.path("role").asText())
            .toList();
    assertThat(roles).contains("owner", "responder", "agent");
    Api.Login agent =
        api.login(DemoTenantLoader.SLUG, DemoTenantLoader.AGENT_EMAIL, DemoTenantLoader.PASSWORD);
    assertThat(api.get("/api/v1/session", agent).body().toString()).contains("\"agent\"");

    Api.Login engineer =
        api.login(DemoTenantLoader.SLUG, "alice@demo.test", DemoTenantLoader.PASSWORD);
    assertThat(api.get("/api/v1/session", engineer).body().path("user").path("role").asText())
        .isEqualTo("responder");
  }

  @Test
  void theSupportDeskHasCustomersInEachTierSlaPoliciesAndACheckoutTicketNearItsWarning() {
    Api.Login agent =
        api.login(DemoTenantLoader.SLUG, DemoTenantLoader.AGENT_EMAIL, DemoTenantLoader.PASSWORD);

    List<String> tiers =
        StreamSupport.stream(
                api.get("/api/v1/customers", agent).body().path("items").spliterator(), false)
            .map(customer -> customer.path("tier").asText())
            .distinct()
            .sorted()
            .toList();
    assertThat(tiers).containsExactly("business", "premium", "standard");

    JsonNode policies = api.get("/api/v1/sla-policies", agent).body().path("items");
    assertThat(policies).hasSize(2);
    for (JsonNode policy : policies) {
      if (policy.path("tier").asText().equals("premium")) {
        assertThat(policy.path("businessHours").isNull()).as("premium is 24x7").isTrue();
      } else {
        assertThat(policy.path("tier").asText()).isEqualTo("business");
        assertThat(policy.path("businessHours").path("timeZone").asText())
            .isEqualTo("America/New_York");
      }
    }

    JsonNode tickets = api.get("/api/v1/tickets", agent).body().path("items");
    assertThat(tickets).hasSize(4);
    JsonNode checkout =
        StreamSupport.stream(tickets.spliterator(), false)
            .filter(t -> t.path("serviceName").asText().equals("Checkout API"))
            .findFirst()
            .orElseThrow();
    JsonNode detail = api.get("/api/v1/tickets/" + checkout.path("id").asText(), agent).body();
    assertThat(detail.path("ticket").path("tier").asText()).isEqualTo("premium");
    assertThat(detail.path("ticket").path("assigneeId").isNull()).isTrue();
    JsonNode firstResponse =
        StreamSupport.stream(detail.path("sla").spliterator(), false)
            .filter(c -> c.path("metric").asText().equals("first_response"))
            .findFirst()
            .orElseThrow();
    // 30 minutes for an urgent premium ticket written 20 minutes before start: 10 minutes left,
    // the warning (75%) 2½ minutes after start.
    assertThat(firstResponse.path("status").asText()).isEqualTo("active");
    assertThat(firstResponse.path("remainingSeconds").asLong()).isBetween(0L, 600L);
    assertThat(firstResponse.path("warnedAt").isNull()).isTrue();
  }

  @Test
  void anIncidentOnCheckoutApiTextsThePaymentsOnCallEngineerAndAnOutboxReplyAcknowledges() {
    Api.Login owner =
        api.login(DemoTenantLoader.SLUG, DemoTenantLoader.OWNER_EMAIL, DemoTenantLoader.PASSWORD);
    String checkout =
        api.get("/api/v1/services?q=checkout", owner)
            .body()
            .path("items")
            .get(0)
            .path("id")
            .asText();
    JsonNode onCall = api.get("/api/v1/oncall", owner).body().path("items");
    String engineer =
        StreamSupport.stream(onCall.spliterator(), false)
            .filter(e -> e.path("schedule").path("name").asText().equals("Payments Primary"))
            .findFirst()
            .orElseThrow()
            .path("user")
            .path("id")
            .asText();
    String number =
        api
            .get("/api/v1/users/" + engineer + "/contact-methods", owner)
            .body()
            .path("items")
            .findParents("channel")
            .stream()
            .filter(m -> m.path("channel").asText().equals("sms"))
            .findFirst()
            .orElseThrow()
            .path("address")
            .asText();

    Api.Reply triggered =
        api.post(
            "/api/v1/incidents",
            java.util.Map.of(
                "serviceId", checkout, "title", "checkout error rate 12%", "urgency", "high"),
            owner);

    assertThat(triggered.status()).isEqualTo(201);
    long incidentNumber = triggered.body().path("incident").path("number").asLong();
    org.awaitility.Awaitility.await()
        .atMost(java.time.Duration.ofSeconds(5))
        .until(
            () ->
                api.get("/api/v1/outbox?channel=sms&address=%2B" + number.substring(1), owner)
                        .body()
                        .path("items")
                        .size()
                    > 0);
    JsonNode sms =
        api.get("/api/v1/outbox?channel=sms&address=%2B" + number.substring(1), owner)
            .body()
            .path("items")
            .get(0);
    assertThat(sms.path("body").asText())
        .startsWith("Switchboard [demo] #" + incidentNumber + " HIGH Checkout API: checkout error");

    Api.Reply answered =
        api.post(
            "/api/v1/outbox/" + sms.path("id").asText() + "/reply",
            java.util.Map.of("body", incidentNumber + "A"),
            owner);

    assertThat(answered.body().path("answer").path("body").asText()).contains("acknowledged");
    String incident = triggered.body().path("incident").path("id").asText();
    assertThat(
            api.get("/api/v1/incidents/" + incident, owner)
                .body()
                .path("incident")
                .path("status")
                .asText())
        .isEqualTo("acknowledged");
  }

  @Test
  void restartingWithTheDemoFlagKeepsTheExistingDemoTenant() {
    Api.Login owner =
        api.login(DemoTenantLoader.SLUG, DemoTenantLoader.OWNER_EMAIL, DemoTenantLoader.PASSWORD);
    api.post(
        "/api/v1/teams", java.util.Map.of("name", "Added Later", "kind", "engineering"), owner);
    demoApp.after();

    demoApp = TestApp.start(ConfigOverride.config("demo", "true"));
    api = new Api("http://localhost:" + demoApp.getLocalPort());
    Api.Login again =
        api.login(DemoTenantLoader.SLUG, DemoTenantLoader.OWNER_EMAIL, DemoTenantLoader.PASSWORD);

    assertThat(names(api.get("/api/v1/teams", again).body().path("items"))).contains("Added Later");
  }

  @Test
  void theDemoTenantHasThePaymentsAndPremiumSupportRotationsAndAnswersWhoIsOnCall() {
    Api.Login owner =
        api.login(DemoTenantLoader.SLUG, DemoTenantLoader.OWNER_EMAIL, DemoTenantLoader.PASSWORD);
    Map<String, String> emails = new HashMap<>();
    api.get("/api/v1/users", owner)
        .body()
        .path("items")
        .forEach(u -> emails.put(u.path("id").asText(), u.path("email").asText()));
    JsonNode list = api.get("/api/v1/schedules", owner).body().path("items");
    assertThat(names(list)).contains("Payments Primary", "Premium Support Off-Hours");

    JsonNode payments =
        api.get("/api/v1/schedules/" + idOf(list, "Payments Primary"), owner).body();
    assertThat(payments.path("timeZone").asText()).isEqualTo("America/New_York");
    assertThat(payments.path("team").path("name").asText()).isEqualTo("Payments");
    assertThat(payments.path("layers")).hasSize(1);
    JsonNode rotation = payments.path("layers").get(0);
    assertThat(rotation.path("turn").path("kind").asText()).isEqualTo("weekly");
    assertThat(rotation.path("turn").path("day").asText()).isEqualTo("MONDAY");
    assertThat(rotation.path("turn").path("time").asText()).startsWith("09:00");
    assertThat(emailsOf(rotation.path("participants"), emails))
        .containsExactly("alice@demo.test", "bob@demo.test", "carol@demo.test", "dave@demo.test");
    assertThat(rotation.path("restrictions")).isEmpty();

    String offHoursId = idOf(list, "Premium Support Off-Hours");
    JsonNode offHours = api.get("/api/v1/schedules/" + offHoursId, owner).body();
    assertThat(offHours.path("timeZone").asText()).isEqualTo("America/New_York");
    assertThat(offHours.path("team").path("name").asText()).isEqualTo("Premium Support");
    JsonNode specialists = offHours.path("layers").get(0);
    assertThat(emailsOf(specialists.path("participants"), emails))
        .containsExactly("sam@demo.test", "tara@demo.test", "uma@demo.test");
    List<String> windows = new ArrayList<>();
    specialists
        .path("restrictions")
        .forEach(
            w ->
                windows.add(
                    w.path("startDay").asText()
                        + " "
                        + w.path("startTime").asText().substring(0, 5)
                        + "-"
                        + w.path("endDay").asText()
                        + " "
                        + w.path("endTime").asText().substring(0, 5)));
    assertThat(windows)
        .containsExactlyInAnyOrder(
            "MONDAY 18:00-TUESDAY 09:00",
            "TUESDAY 18:00-WEDNESDAY 09:00",
            "WEDNESDAY 18:00-THURSDAY 09:00",
            "THURSDAY 18:00-FRIDAY 09:00",
            "FRIDAY 18:00-MONDAY 09:00");
    Instant now = Instant.now();
    JsonNode overrides =
        api.get(
                "/api/v1/schedules/"
                    + offHoursId
                    + "/overrides?from="
                    + now.minus(Duration.ofDays(1))
                    + "&to="
                    + now.plus(Duration.ofDays(14)),
                owner)
            .body()
            .path("items");
    assertThat(overrides).hasSize(1);
    assertThat(emails.get(overrides.get(0).path("userId").asText())).isEqualTo("uma@demo.test");

    ZoneId newYork = ZoneId.of("America/New_York");
    Instant saturdayNoon =
        now.atZone(newYork)
            .with(TemporalAdjusters.next(DayOfWeek.SATURDAY))
            .with(LocalTime.NOON)
            .toInstant();
    JsonNode onCall = api.get("/api/v1/oncall?at=" + saturdayNoon, owner).body().path("items");
    Map<String, String> onCallBySchedule = new HashMap<>();
    onCall.forEach(
        item ->
            onCallBySchedule.put(
                item.path("schedule").path("name").asText(),
                emails.get(item.path("user").path("id").asText())));
    assertThat(onCallBySchedule.get("Payments Primary"))
        .isIn("alice@demo.test", "bob@demo.test", "carol@demo.test", "dave@demo.test");
    assertThat(onCallBySchedule.get("Premium Support Off-Hours"))
        .isIn("sam@demo.test", "tara@demo.test", "uma@demo.test");
    JsonNode single =
        api.get("/api/v1/schedules/" + offHoursId + "/oncall?at=" + saturdayNoon, owner).body();
    assertThat(emails.get(single.path("user").path("id").asText()))
        .isEqualTo(onCallBySchedule.get("Premium Support Off-Hours"));
    Api.Reply current = api.get("/api/v1/oncall", owner);
    assertThat(current.status()).isEqualTo(200);
    assertThat(names(mapSchedules(current.body().path("items"))))
        .contains("Payments Primary", "Premium Support Off-Hours");
  }

  private static String idOf(JsonNode items, String name) {
    return StreamSupport.stream(items.spliterator(), false)
        .filter(item -> item.path("name").asText().equals(name))
        .findFirst()
        .orElseThrow()
        .path("id")
        .asText();
  }

  private static List<String> emailsOf(JsonNode ids, Map<String, String> emails) {
    return StreamSupport.stream(ids.spliterator(), false)
        .map(id -> emails.get(id.asText()))
        .toList();
  }

  private static JsonNode mapSchedules(JsonNode items) {
    com.fasterxml.jackson.databind.node.ArrayNode schedules =
        com.fasterxml.jackson.databind.node.JsonNodeFactory.instance.arrayNode();
    items.forEach(item -> schedules.add(item.path("schedule")));
    return schedules;
  }

  private static List<String> names(JsonNode items) {
    return StreamSupport.stream(items.spliterator(), false)
        .map(item -> item.path("name").asText())
        .toList();
  }
}
