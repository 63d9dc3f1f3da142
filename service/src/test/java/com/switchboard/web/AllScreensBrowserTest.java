package com.switchboard.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.AriaRole;
import com.switchboard.SwitchboardConfiguration;
import com.switchboard.tenant.DemoTenantLoader;
import com.switchboard.testing.Api;
import com.switchboard.testing.TestApp;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Every screen of the app, filled with the demo organization's data: none scrolls sideways on a 390
 * px phone or logs an error, and a second organization opening the same screens (and the demo's own
 * addresses) sees none of the demo's data. Also takes the screenshots used in the docs.
 */
class AllScreensBrowserTest extends BrowserTest {
  /**
   * Names only the demo organization has; none may reach another organization's screens. ("Checkout
   * API" is also the onboarding form's example, so it is no marker.)
   */
  private static final List<String> DEMO_MARKERS =
      List.of(
          "Demo Company",
          "Payments Ledger",
          "Login Service",
          "Premium Support",
          "Olivia Owner",
          "Alice Engineer",
          "Avery Agent",
          "Northwind Traders",
          "Umbrella Health",
          "Payments Primary",
          "Demo checkout incident");

  /** The signed-in screens, by a short name. */
  private static final Map<String, String> LISTS = new LinkedHashMap<>();

  static {
    LISTS.put("home", "/");
    LISTS.put("onboarding", "/onboarding");
    LISTS.put("incidents", "/incidents");
    LISTS.put("tickets", "/tickets");
    LISTS.put("oncall", "/oncall");
    LISTS.put("schedules", "/schedules");
    LISTS.put("escalation-policies", "/escalation-policies");
    LISTS.put("services", "/services");
    LISTS.put("teams", "/teams");
    LISTS.put("users", "/users");
    LISTS.put("customers", "/customers");
    LISTS.put("sla-policies", "/sla-policies");
    LISTS.put("message-templates", "/message-templates");
    LISTS.put("impact-rules", "/impact-rules");
    LISTS.put("status-board", "/status-board");
    LISTS.put("analytics", "/analytics");
    LISTS.put("outbox", "/outbox");
    LISTS.put("api-keys", "/api-keys");
    LISTS.put("audit", "/audit");
    LISTS.put("profile", "/profile");
  }

  private static final List<String> PUBLIC =
      List.of(
          "/login",
          "/signup",
          "/forgot-password",
          "/forgot-sign-in-name",
          "/reset-password?token=not-a-token",
          "/accept-invitation?token=not-a-token");

  private DropwizardTestSupport<SwitchboardConfiguration> demoApp;
  private Api api;
  private Api.Login demoOwner;

  @BeforeEach
  void startWithTheDemoOrganization() {
    // BrowserTest emptied the database; this app loads the demo organization into it.
    demoApp = TestApp.start(ConfigOverride.config("demo", "true"));
    base = "http://localhost:" + demoApp.getLocalPort();
    api = new Api(base);
    demoOwner =
        api.login(DemoTenantLoader.SLUG, DemoTenantLoader.OWNER_EMAIL, DemoTenantLoader.PASSWORD);
    String checkout =
        api.get("/api/v1/services?q=checkout", demoOwner)
            .body()
            .path("items")
            .get(0)
            .path("id")
            .asText();
    Api.Reply triggered =
        api.post(
            "/api/v1/incidents",
            Map.of("serviceId", checkout, "title", "Demo checkout incident", "urgency", "high"),
            demoOwner);
    assertEquals(201, triggered.status(), triggered.toString());
  }

  @AfterEach
  void stopTheDemoApp() {
    if (demoApp != null) {
      demoApp.after();
    }
  }

  /** The demo's detail screens: the first item of each list. */
  private Map<String, String> details() {
    Map<String, String> details = new LinkedHashMap<>();
    details.put("incident", "/incidents/" + firstId("/api/v1/incidents"));
    details.put("ticket", "/tickets/" + firstId("/api/v1/tickets"));
    details.put("schedule", "/schedules/" + firstId("/api/v1/schedules"));
    details.put(
        "escalation-policy", "/escalation-policies/" + firstId("/api/v1/escalation-policies"));
    details.put("service", "/services/" + firstId("/api/v1/services?q=checkout"));
    details.put("team", "/teams/" + firstId("/api/v1/teams"));
    details.put("sla-policy", "/sla-policies/" + firstId("/api/v1/sla-policies"));
    return details;
  }

  private String firstId(String path) {
    Api.Reply reply = api.get(path, demoOwner);
    assertEquals(200, reply.status(), path + " " + reply);
    JsonNode items = reply.body().path("items");
    assertEquals(true, items.size() > 0, path + " lists nothing in the demo");
    return items.get(0).path("id").asText();
  }

  @Test
  void everyScreenFitsAPhoneAndShowsItsHeading() {
    Map<String, String> screens = new LinkedHashMap<>(LISTS);
    screens.putAll(details());
    List<String> overflowing = new ArrayList<>();

    BrowserContext phone = newContext(390, 844);
    page = newPage(phone);
    logIn(DemoTenantLoader.SLUG, DemoTenantLoader.OWNER_EMAIL, DemoTenantLoader.PASSWORD);
    for (Map.Entry<String, String> screen : screens.entrySet()) {
      open(screen.getValue());
      int overflow = horizontalOverflow();
      if (overflow > 0) {
        overflowing.add(screen.getValue() + " (" + overflow + " px)");
      }
      screenshot("phone-" + screen.getKey());
    }
    phone.close();

    BrowserContext anonymous = newContext(390, 844);
    page = newPage(anonymous);
    for (String path : PUBLIC) {
      open(path);
      int overflow = horizontalOverflow();
      if (overflow > 0) {
        overflowing.add(path + " (" + overflow + " px)");
      }
    }
    anonymous.close();
    assertEquals(List.of(), overflowing, "screens that scroll sideways at 390 px");

    // The same screens on a laptop, for the docs' screenshots.
    page = newPage(context);
    logIn(DemoTenantLoader.SLUG, DemoTenantLoader.OWNER_EMAIL, DemoTenantLoader.PASSWORD);
    for (Map.Entry<String, String> screen : screens.entrySet()) {
      open(screen.getValue());
      screenshot("docs-" + screen.getKey());
    }
  }

  @Test
  void aSecondOrganizationSeesNoneOfTheDemoOnAnyScreen() {
    Map<String, String> demoDetails = details();
    signUp("Other Org", "Oscar Other", "oscar@other.test");
    for (String path : LISTS.values()) {
      open(path);
      assertShowsNoDemoData(path);
    }
    for (String path : demoDetails.values()) {
      open(path);
      assertThat(page.getByRole(AriaRole.ALERT))
          .containsText("it does not exist, or it belongs to another organization");
      assertShowsNoDemoData(path);
    }
  }

  /** Opens a screen and waits until its heading shows and nothing is still loading. */
  private void open(String path) {
    page.navigate(base + path);
    Locator heading = page.locator("h1");
    assertThat(heading.first()).isVisible();
    assertThat(page.locator(".loading")).hasCount(0);
  }

  private void assertShowsNoDemoData(String path) {
    String text = page.locator("body").innerText();
    for (String marker : DEMO_MARKERS) {
      assertEquals(false, text.contains(marker), path + " shows the demo's “" + marker + "”");
    }
  }
}
