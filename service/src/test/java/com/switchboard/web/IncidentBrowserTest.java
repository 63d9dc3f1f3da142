package com.switchboard.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import com.switchboard.testing.Api;
import com.switchboard.testing.Api.Login;
import com.switchboard.testing.Paging;
import com.switchboard.testing.TestApp;
import java.util.List;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** The incident screens in Chromium: trigger, page, acknowledge, resolve. */
class IncidentBrowserTest extends BrowserTest {
  @Test
  void anAdminTriggersAnIncidentIsPagedAcknowledgesAndResolvesIt() {
    signUp("Initech", "Ivy Admin", "ivy@initech.test");
    String slug = page.locator(".topbar .slug").textContent().trim();

    // The UI has no screens yet for contact methods and escalation policies, so the same person
    // sets them up through the API: a verified SMS number paged at once, a policy paging
    // themselves, and a team's service that uses it.
    Api api = TestApp.api();
    Login ivy = api.login(slug, "ivy@initech.test", PASSWORD);
    Paging paging = new Paging(api, ivy);
    String sms = paging.verifiedMethod(ivy.userId(), "sms", "+14155550123");
    paging.rule(ivy.userId(), sms, "high", 0);
    String policy =
        paging.policy("Checkout on call", 0, 5, List.of(List.of(Paging.user(ivy.userId()))));
    paging.service("Checkout API", policy);

    // Sign-up lands on onboarding; Incidents is in the navigation. Nothing is open yet.
    page.navigate(base + "/services");
    navLink("Incidents").click();
    assertThat(heading("Incidents")).isVisible();
    assertThat(page.getByText("No open incidents. All quiet.")).isVisible();

    // A trigger without a title shows the API's message beside the field.
    Locator service = page.getByLabel("Service", new Page.GetByLabelOptions().setExact(true));
    service.selectOption(new SelectOption().setLabel("Checkout API (Checkout API team)"));
    button("Trigger incident").click();
    Locator title = page.getByLabel("Title", new Page.GetByLabelOptions().setExact(true));
    assertThat(title).hasAttribute("aria-invalid", "true");
    assertThat(title).hasAccessibleDescription(Pattern.compile("Must not be blank"));

    title.fill("Checkout error rate 12%");
    page.getByLabel("Details")
        .fill(
            "5xx from the card API since the 14:02 deploy, see"
                + " https://grafana.initech.test/d/checkout?from=now-1h. javascript:alert(1)");
    page.getByLabel("Urgency", new Page.GetByLabelOptions().setExact(true)).selectOption("high");
    button("Trigger incident").click();
    assertThat(page.getByRole(AriaRole.STATUS))
        .containsText("Triggered #1: Checkout error rate 12%.");

    Locator listed = row("Checkout error rate 12%");
    assertThat(listed).containsText("#1");
    assertThat(listed).containsText("Checkout API");
    assertThat(listed).containsText("high");
    assertThat(listed).containsText("triggered");
    screenshot("incidents");

    // The incident's page: where paging stands, and the page sent to Ivy's masked number (the
    // send happens in the background; the page refreshes itself every 5 seconds).
    listed
        .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Checkout error rate 12%"))
        .click();
    Locator incidentHeading = heading("#1 Checkout error rate 12%");
    assertThat(incidentHeading).containsText("triggered");
    assertThat(page).hasURL(Pattern.compile("/incidents/[0-9a-f-]{36}$"));
    Locator summary = page.getByLabel("Incident summary");
    assertThat(summary).containsText("Checkout API");
    assertThat(summary).containsText("Checkout on call: Paging, at step 1");
    assertThat(page.getByText("5xx from the card API since the 14:02 deploy")).isVisible();
    // Its web address is a link that opens a new tab without handing it this page; other
    // schemes stay text.
    Locator graph = link("https://grafana.initech.test/d/checkout?from=now-1h");
    assertThat(graph).hasAttribute("href", "https://grafana.initech.test/d/checkout?from=now-1h");
    assertThat(graph).hasAttribute("rel", "noopener noreferrer");
    assertThat(graph).hasAttribute("target", "_blank");
    assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("javascript")))
        .hasCount(0);
    assertThat(row("Triggered by Ivy Admin")).isVisible();
    Locator notified = row("Notified Ivy Admin by SMS at +1•••••0123");
    assertThat(notified)
        .containsText(
            "Switchboard", new LocatorAssertions.ContainsTextOptions().setTimeout(25_000));
    assertThat(
            page.getByRole(AriaRole.TABLE, new Page.GetByRoleOptions().setName("Messages (1)"))
                .getByRole(AriaRole.ROW)
                .filter(new Locator.FilterOptions().setHasText("Ivy Admin")))
        .containsText(Pattern.compile("SMS\\s*(sent|delivered)"));
    // Who each step paged: step 1 of the policy paged Ivy by SMS.
    Locator paged =
        page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Who was paged"));
    assertThat(paged).containsText("Checkout on call");
    assertThat(
            paged
                .getByRole(AriaRole.LISTITEM)
                .filter(new Locator.FilterOptions().setHasText("Step 1")))
        .containsText(Pattern.compile("Paged Ivy Admin: SMS\\s*(sent|delivered)"));
    assertThat(button("Escalate now")).isVisible();

    button("Acknowledge").click();
    assertThat(page.getByRole(AriaRole.STATUS)).containsText("Acknowledged #1.");
    assertThat(incidentHeading).containsText("acknowledged");
    assertThat(summary).containsText("acknowledged by Ivy Admin");
    assertThat(summary).containsText("Checkout on call: Stopped at step 1");
    assertThat(row("Acknowledged by Ivy Admin via the web UI")).containsText("web");
    assertThat(button("Acknowledge")).hasCount(0);
    assertThat(button("Escalate now")).hasCount(0);

    // A note goes on the timeline.
    page.getByLabel("Note", new Page.GetByLabelOptions().setExact(true))
        .fill("Rolled back deploy 2291");
    button("Add note").click();
    assertThat(row("Rolled back deploy 2291")).containsText("Ivy Admin");
    screenshot("incident");

    button("Resolve").click();
    assertThat(page.getByRole(AriaRole.STATUS)).containsText("Resolved #1.");
    assertThat(incidentHeading).containsText("resolved");
    assertThat(summary).containsText("resolved by Ivy Admin");
    assertThat(row("Resolved by Ivy Admin via the web UI")).isVisible();
    assertThat(button("Resolve")).hasCount(0);

    // Back on the list it is no longer open; the Resolved filter shows it, with who acknowledged.
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("← All incidents")).click();
    assertThat(page.getByText("No open incidents. All quiet.")).isVisible();
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Resolved").setExact(true))
        .click();
    assertThat(page).hasURL(Pattern.compile("/incidents\\?status=resolved$"));
    assertThat(row("Checkout error rate 12%")).containsText("resolved");
    assertThat(row("Checkout error rate 12%")).containsText("Ivy Admin");
  }

  /** A responder with a verified SMS number that is paged at once; returns their login. */
  private static Login responder(Api api, Login owner, Paging paging, String phone) {
    Login member = api.addMember(owner, "responder");
    String sms = paging.verifiedMethod(member.userId(), "sms", phone);
    paging.rule(member.userId(), sms, "high", 0);
    return member;
  }

  private static String name(Api api, Login owner, Login who) {
    return api.get("/api/v1/users/" + who.userId(), owner).body().path("name").asText();
  }

  @Test
  void anIncidentTriggeredByAColleagueAppearsWithoutReloadAndIsAcknowledgedFromTheList() {
    signUp("Hooli", "Hana Owner", "hana@hooli.test");
    String slug = page.locator(".topbar .slug").textContent().trim();
    Api api = TestApp.api();
    Login hana = api.login(slug, "hana@hooli.test", PASSWORD);
    Paging paging = new Paging(api, hana);
    Login alice = responder(api, hana, paging, "+14155550201");
    String aliceName = name(api, hana, alice);
    String policy =
        paging.policy("Search on call", 0, 5, List.of(List.of(Paging.user(alice.userId()))));
    String search = paging.service("Search", policy);

    page.navigate(base + "/incidents");
    assertThat(page.getByText("No open incidents. All quiet.")).isVisible();

    // Alice triggers an incident through the API; the open list shows it without a reload,
    // with who it is paging.
    new Paging(api, alice).trigger(search, "Search latency p99 4s", "high", null);
    Locator listed = row("Search latency p99 4s");
    assertThat(listed).containsText("#1");
    assertThat(listed).containsText("triggered");
    assertThat(listed).containsText(aliceName);

    // Hana acknowledges it from the list; the row changes in place.
    listed
        .getByRole(
            AriaRole.BUTTON,
            new Locator.GetByRoleOptions().setName("Acknowledge #1 Search latency p99 4s"))
        .click();
    assertThat(status()).containsText("Acknowledged #1.");
    assertThat(listed).containsText("acknowledged");
    assertThat(listed).containsText("Hana Owner");
    assertThat(listed.getByRole(AriaRole.BUTTON)).hasCount(0);

    // "Only mine": nothing paged Hana; the filter lives in the address.
    page.getByLabel("Only mine (paged me or assigned to me)").check();
    assertThat(page).hasURL(Pattern.compile("/incidents\\?mine=1$"));
    assertThat(page.getByText("None paged you or was assigned to you")).isVisible();
    page.getByLabel("Only mine (paged me or assigned to me)").uncheck();
    assertThat(row("Search latency p99 4s")).isVisible();

    // By service, through the address too; and no sideways scrolling on a phone.
    page.getByLabel("Filter by service").selectOption(new SelectOption().setLabel("Search"));
    assertThat(page).hasURL(Pattern.compile("/incidents\\?service=[0-9a-f-]{36}$"));
    assertThat(row("Search latency p99 4s")).isVisible();
    page.setViewportSize(390, 844);
    assertThat(row("Search latency p99 4s")).isVisible();
    org.junit.jupiter.api.Assertions.assertEquals(0, horizontalOverflow(), "overflow at 390 px");
  }

  @Test
  void theIncidentPageShowsWhoEachStepPagedAndReassignsAndAddsResponders() {
    signUp("Pied Piper", "Pia Owner", "pia@piper.test");
    String slug = page.locator(".topbar .slug").textContent().trim();
    Api api = TestApp.api();
    Login pia = api.login(slug, "pia@piper.test", PASSWORD);
    Paging paging = new Paging(api, pia);
    Login alice = responder(api, pia, paging, "+14155550301");
    Login bob = responder(api, pia, paging, "+14155550302");
    Login carol = responder(api, pia, paging, "+14155550303");
    String aliceName = name(api, pia, alice);
    String bobName = name(api, pia, bob);
    String carolName = name(api, pia, carol);
    String policy =
        paging.policy(
            "Storage on call",
            0,
            5,
            List.of(List.of(Paging.user(alice.userId())), List.of(Paging.user(bob.userId()))));
    paging.policy("Database on call", 0, 5, List.of(List.of(Paging.user(carol.userId()))));
    String storage = paging.service("Storage", policy);
    String id =
        paging
            .trigger(storage, "Disk full on node 3", "high", null)
            .body()
            .path("incident")
            .path("id")
            .asText();

    page.navigate(base + "/incidents/" + id);
    assertThat(heading("#1 Disk full on node 3")).isVisible();
    Locator paged =
        page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Who was paged"));
    Locator step1 =
        paged.getByRole(AriaRole.LISTITEM).filter(new Locator.FilterOptions().setHasText("Step 1"));
    assertThat(step1).containsText("Paged " + aliceName + ": SMS");
    assertThat(step1).containsText("targets " + aliceName);
    assertThat(paged).containsText("Next: Step 2");

    // Escalate now: step 2 pages Bob at once.
    button("Escalate now").click();
    assertThat(status()).containsText("Escalated #1");
    Locator step2 =
        paged.getByRole(AriaRole.LISTITEM).filter(new Locator.FilterOptions().setHasText("Step 2"));
    assertThat(step2).containsText("Paged " + bobName + ": SMS");

    // Add responders: another policy pages too.
    page.getByLabel("Policy to page too")
        .selectOption(new SelectOption().setLabel("Database on call"));
    button("Add responders").click();
    assertThat(status()).containsText("Added Database on call to #1");
    assertThat(paged).containsText("Database on call (added responders)");
    assertThat(paged).containsText("Paged " + carolName + ": SMS");
    assertThat(page.getByLabel("Incident summary"))
        .containsText("Storage on call: Paging, at step 2");

    // Reassign to a person: the policies stop, and she is paged directly.
    page.getByLabel("Reassign to")
        .selectOption(new SelectOption().setLabel(aliceName + " (person)"));
    button("Reassign").click();
    assertThat(status()).containsText("Reassigned #1 to " + aliceName);
    assertThat(paged).containsText("Assigned directly (reassigned)");
    assertThat(
            paged
                .getByRole(AriaRole.LISTITEM)
                .filter(new Locator.FilterOptions().setHasText("Paged directly")))
        .containsText("Paged " + aliceName);
    assertThat(page.getByLabel("Incident summary"))
        .containsText("Storage on call: Stopped at step 2");

    // A status update goes on the timeline.
    page.getByLabel("Status update", new Page.GetByLabelOptions().setExact(true))
        .fill("Freed 40 GB; watching");
    button("Post update").click();
    assertThat(row("Freed 40 GB; watching")).containsText("Pia Owner");
    page.setViewportSize(390, 844);
    org.junit.jupiter.api.Assertions.assertEquals(0, horizontalOverflow(), "overflow at 390 px");
  }
}
