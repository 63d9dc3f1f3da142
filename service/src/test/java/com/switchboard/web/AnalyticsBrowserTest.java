package com.switchboard.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.AriaRole;
import com.switchboard.testing.Api;
import com.switchboard.testing.Api.Login;
import com.switchboard.testing.Paging;
import com.switchboard.testing.TestApp;
import com.switchboard.testing.TestClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The status board and analytics in Chromium, after a few incidents told through the API on a clock
 * moved two days back: charts with their numbers, live state, and every screen of the directory
 * area at phone width without sideways scrolling.
 */
class AnalyticsBrowserTest extends BrowserTest {
  private final Api api = TestApp.api();
  private final TestClock clock = TestClock.shared();

  @AfterEach
  void resetClock() {
    clock.reset();
  }

  /** Two incidents two days ago: acknowledged after 4 minutes, resolved after 30; one open now. */
  private Login organizationWithHistory() {
    Login owner = api.signup("Charts");
    Paging paging = new Paging(api, owner);
    String sms = paging.verifiedMethod(owner.userId(), "sms", "+14155550177");
    paging.rule(owner.userId(), sms, "high", 0);
    String policy =
        paging.policy("Checkout on call", 0, 5, List.of(List.of(Paging.user(owner.userId()))));
    String checkout = paging.service("Checkout API", policy);
    paging.service("Search", policy);

    Instant start = Instant.now().minus(Duration.ofDays(2));
    for (int i = 0; i < 2; i++) {
      clock.setTo(start.plus(Duration.ofHours(i)));
      String id =
          paging
              .trigger(checkout, "Card errors " + i, "high", null)
              .body()
              .path("incident")
              .path("id")
              .asText();
      paging.awaitPages(i + 1);
      // Ten seconds more than the story, so that request times do not round it down.
      clock.setTo(start.plus(Duration.ofHours(i)).plus(Duration.ofSeconds(4 * 60 + 10)));
      assertEquals(
          200, api.post("/api/v1/incidents/" + id + "/acknowledge", Map.of(), owner).status());
      clock.setTo(start.plus(Duration.ofHours(i)).plus(Duration.ofSeconds(30 * 60 + 10)));
      assertEquals(200, api.post("/api/v1/incidents/" + id + "/resolve", Map.of(), owner).status());
    }
    clock.reset();
    return owner;
  }

  @Test
  void analyticsChartsResponseTimesAndPagesAndTheBoardShowsTheOutageLive() {
    Login owner = organizationWithHistory();
    logIn(owner.slug(), owner.email());

    navLink("Analytics").click();
    assertThat(heading("Analytics")).isVisible();
    page.getByLabel("Period").selectOption("7d");
    assertThat(page).hasURL(java.util.regex.Pattern.compile("/analytics\\?period=7d$"));
    Locator response =
        page.getByRole(AriaRole.FIGURE)
            .filter(new Locator.FilterOptions().setHas(heading("MTTA and MTTR over time")));
    assertThat(response)
        .containsText(
            "Last 7 days: 2 incidents; on average acknowledged in 4 min and resolved in 30 min.");
    assertThat(response.locator("canvas").first()).isVisible();
    Locator pages =
        page.getByRole(AriaRole.FIGURE)
            .filter(new Locator.FilterOptions().setHas(heading("Pages per person")));
    assertThat(pages).containsText("Charts Owner was paged most (2)");
    assertThat(pages.locator("canvas").first()).isVisible();
    pages.getByText("Show the numbers as a table").click();
    assertThat(
            pages
                .getByRole(AriaRole.ROW)
                .filter(new Locator.FilterOptions().setHasText("Charts Owner")))
        .containsText("2");
    assertThat(page.getByText("No SLA clocks ended in this period.")).isVisible();
    screenshot("analytics");

    // The board: all well, then an incident opened through the API shows without a reload.
    navLink("Status board").click();
    assertThat(heading("Status board")).isVisible();
    assertThat(page.getByText("All 2 services operational.")).isVisible();
    String checkout =
        api.get("/api/v1/services?q=Checkout", owner)
            .body()
            .path("items")
            .get(0)
            .path("id")
            .asText();
    new Paging(api, owner).trigger(checkout, "Checkout is down", "high", null);
    assertThat(page.getByText("Of 2 services: 1 in a major outage.")).isVisible();
    Locator checkoutRow = row("Checkout API");
    assertThat(checkoutRow).containsText("Major outage");
    assertThat(checkoutRow).containsText("#3 Checkout is down");
    assertThat(row("Search")).containsText("Operational");
    screenshot("status-board");
  }

  @Test
  void theDirectoryScreensFitAPhone() {
    Login owner = organizationWithHistory();
    api.invite(owner, "someone.with.a.rather.long.address@charts-example-company.test", "agent");
    api.createKey(owner, "responder");
    context.close();
    context = newContext(390, 844);
    page = newPage(context);
    logIn(owner.slug(), owner.email());
    String team = api.get("/api/v1/teams", owner).body().path("items").get(0).path("id").asText();
    for (String path :
        List.of(
            "/teams",
            "/teams/" + team,
            "/users",
            "/api-keys",
            "/audit",
            "/outbox",
            "/status-board",
            "/analytics?period=7d")) {
      page.navigate(base + path);
      assertThat(page.locator("main h1")).isVisible();
      assertThat(page.locator(".loading")).hasCount(0);
      assertEquals(0, horizontalOverflow(), path + " scrolls sideways at 390 px");
    }
    assertThat(page.getByRole(AriaRole.FIGURE).first().locator("canvas").first()).isVisible();
    assertEquals(0, horizontalOverflow(), "the charts fit 390 px");
  }
}
