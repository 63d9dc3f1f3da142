package com.switchboard.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import com.switchboard.testing.Api;
import com.switchboard.testing.Api.Login;
import com.switchboard.testing.TestApp;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * Alert intake in Chromium: an admin adds an Events API v2 integration on the service page, a
 * monitoring tool sends a trigger with the key shown there, and the incident page shows the alert.
 */
class AlertIntakeBrowserTest extends BrowserTest {
  @Test
  void anAdminAddsAnEventsV2IntegrationAndSeesTheAlertOnTheIncident() {
    signUp("Initech", "Ivy Admin", "ivy@initech.test");
    String slug = page.locator(".topbar .slug").textContent().trim();
    Api api = TestApp.api();
    Login ivy = api.login(slug, "ivy@initech.test", PASSWORD);
    String team = api.createTeam(ivy, "Storage", "engineering");
    String service = api.createService(ivy, "Billing database", "", team);

    page.navigate(base + "/services/" + service);
    Locator integrations =
        page.getByRole(
            AriaRole.REGION, new Page.GetByRoleOptions().setName("Integrations").setExact(true));
    assertThat(integrations)
        .containsText(
            "No integrations yet — add one to let your monitoring tool open incidents on this"
                + " service.");

    integrations
        .getByLabel("Type", new Locator.GetByLabelOptions().setExact(true))
        .selectOption(new SelectOption().setLabel("PagerDuty Events API v2"));
    integrations.getByLabel("Integration name").fill("Datadog production");
    button("Add integration").click();
    assertThat(status()).containsText("Added the integration Datadog production");
    assertThat(integrations).containsText("PagerDuty Events API v2");
    assertThat(page.getByLabel("URL for Datadog production"))
        .hasValue(Pattern.compile("/v2/enqueue$"));
    Locator keyField = page.getByLabel("Integration key (routing_key) for Datadog production");
    assertThat(keyField).hasValue(Pattern.compile("^[a-z0-9]{32}$"));
    String key = keyField.inputValue();
    screenshot("alerts-service-integrations");

    // The monitoring tool sends a trigger with the key read from the page.
    Map<String, Object> trigger =
        Map.of(
            "routing_key",
            key,
            "event_action",
            "trigger",
            "dedup_key",
            "db-1/disk",
            "payload",
            Map.of(
                "summary",
                "Disk 95% full on db-1",
                "source",
                "db-1.initech.test",
                "severity",
                "critical",
                "custom_details",
                Map.of("free space", "5%", "mount", Map.of("path", "/var/lib/pg"))),
            "links",
            List.of(
                Map.of("href", "https://runbooks.initech.test/disk-full", "text", "Runbook"),
                Map.of("href", "javascript:alert(1)", "text", "Sneaky")),
            "client",
            "Datadog");
    Api.Reply sent = api.post("/v2/enqueue", trigger, Api.ANONYMOUS);
    assertEquals(202, sent.status(), sent.toString());

    // The processor opens the incident in the background; the list refreshes itself.
    page.navigate(base + "/incidents");
    Locator opened =
        page.getByRole(
                AriaRole.LINK,
                new Page.GetByRoleOptions().setName("Disk 95% full on db-1").setExact(false))
            .first();
    assertThat(opened).isVisible(new LocatorAssertions.IsVisibleOptions().setTimeout(25_000));
    opened.click();
    assertThat(heading("Disk 95% full on db-1").first()).isVisible();

    Locator alerts =
        page.getByRole(
            AriaRole.REGION, new Page.GetByRoleOptions().setName("Alerts").setExact(true));
    assertThat(alerts).containsText("Disk 95% full on db-1");
    assertThat(alerts).containsText("critical");
    assertThat(alerts).containsText("db-1.initech.test");
    assertThat(alerts).containsText("1 event");
    Locator runbook =
        alerts.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Runbook"));
    assertThat(runbook).hasAttribute("href", "https://runbooks.initech.test/disk-full");
    assertThat(runbook).hasAttribute("rel", "noopener noreferrer");
    assertThat(alerts.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Sneaky")))
        .hasCount(0);
    Locator details = alerts.getByLabel("Custom details");
    assertThat(details).containsText("free space");
    assertThat(details).containsText("5%");
    assertThat(details).containsText("{\"path\":\"/var/lib/pg\"}");
    screenshot("alerts-incident");

    // Rotating the key (confirmed) shows a new one, and the old one is refused at once.
    page.navigate(base + "/services/" + service);
    page.onDialog(dialog -> dialog.accept());
    Locator rotatedKey = page.getByLabel("Integration key (routing_key) for Datadog production");
    assertThat(rotatedKey).hasValue(key);
    button("Rotate key of Datadog production").click();
    assertThat(status()).containsText("Rotated the key of Datadog production");
    assertThat(rotatedKey).not().hasValue(key);
    assertNotEquals(key, rotatedKey.inputValue());
    assertEquals(400, api.post("/v2/enqueue", trigger, Api.ANONYMOUS).status());
  }

  @Test
  void anAdminSetsWhichAlertSeveritiesPageAtHighUrgencyAndAResponderReadsIt() {
    signUp("Vandelay", "Art Admin", "art@vandelay.test");
    String slug = page.locator(".topbar .slug").textContent().trim();
    Api api = TestApp.api();
    Login art = api.login(slug, "art@vandelay.test", PASSWORD);

    page.navigate(base + "/services");
    Locator settings =
        page.getByRole(
            AriaRole.REGION,
            new Page.GetByRoleOptions().setName("Alert severity → incident urgency"));
    Locator warning = settings.getByLabel("Severity warning");
    assertThat(warning).hasValue("low");
    assertThat(settings.getByLabel("Severity critical")).hasValue("high");

    warning.selectOption("high");
    button("Save urgencies").click();
    assertThat(status()).containsText("Saved: new alerts open incidents with these urgencies.");
    assertEquals(
        "high",
        api.get("/api/v1/alert-settings/severity-urgency", art).body().path("warning").asText());
    assertEquals(
        "low",
        api.get("/api/v1/alert-settings/severity-urgency", art).body().path("info").asText());
    screenshot("alerts-severity-urgency");

    // A responder sees the mapping and no form.
    Login responder = api.addMember(art, "responder");
    context.clearCookies();
    logIn(slug, responder.email());
    page.navigate(base + "/services");
    Locator readOnly =
        page.getByRole(
            AriaRole.REGION,
            new Page.GetByRoleOptions().setName("Alert severity → incident urgency"));
    assertThat(readOnly.getByRole(AriaRole.ROW, new Locator.GetByRoleOptions().setName("warning")))
        .containsText("High");
    assertThat(readOnly.getByRole(AriaRole.BUTTON)).hasCount(0);
  }

  @Test
  void anAdminCapsTheIncidentsAServicesAlertsOpenAndAResponderReadsTheCap() {
    signUp("Kramerica", "Kim Admin", "kim@kramerica.test");
    String slug = page.locator(".topbar .slug").textContent().trim();
    Api api = TestApp.api();
    Login kim = api.login(slug, "kim@kramerica.test", PASSWORD);
    String team = api.createTeam(kim, "Edge", "engineering");
    String service = api.createService(kim, "CDN", "", team);

    page.navigate(base + "/services/" + service);
    Locator storms =
        page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Alert storms"));
    assertThat(storms).containsText("at most 5 incidents per 5 minutes (the default)");

    storms.getByText("Change the cap").click();
    storms.getByLabel("New incidents at most").fill("2");
    storms.getByLabel("Per window of (minutes)").fill("30");
    button("Save cap").click();
    assertThat(status()).containsText("Saved: at most 2 incidents per 30 minutes.");
    assertThat(storms).containsText("at most 2 incidents per 30 minutes;");
    String grouping = "/api/v1/services/" + service + "/alert-grouping";
    assertEquals(2, api.get(grouping, kim).body().path("incidentsPerWindow").asInt());
    assertEquals(1800, api.get(grouping, kim).body().path("windowSeconds").asInt());

    // The server's limits come back on the field that broke them.
    storms.getByLabel("New incidents at most").fill("500");
    button("Save cap").click();
    assertThat(storms.getByLabel("New incidents at most")).hasAttribute("aria-invalid", "true");
    assertEquals(2, api.get(grouping, kim).body().path("incidentsPerWindow").asInt());
    screenshot("alerts-service-cap");

    Login responder = api.addMember(kim, "responder");
    context.clearCookies();
    logIn(slug, responder.email());
    page.navigate(base + "/services/" + service);
    Locator readOnly =
        page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Alert storms"));
    assertThat(readOnly).containsText("at most 2 incidents per 30 minutes;");
    assertThat(readOnly.getByRole(AriaRole.BUTTON)).hasCount(0);
    assertThat(readOnly.getByText("Change the cap")).hasCount(0);
  }
}
