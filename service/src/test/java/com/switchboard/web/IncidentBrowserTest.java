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
    page.navigate(base + "/signup");
    page.getByLabel("Organization name").fill("Initech");
    page.getByLabel("Your name").fill("Ivy Admin");
    page.getByLabel("Work email").fill("ivy@initech.test");
    page.getByLabel("Password").fill(PASSWORD);
    button("Create organization").click();
    assertThat(heading("Get started")).isVisible();
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

    // Incidents is the first item of the navigation; nothing is open yet.
    Locator firstNavLink =
        page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
            .getByRole(AriaRole.LINK)
            .first();
    assertThat(firstNavLink).hasText("Incidents");
    firstNavLink.click();
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
    page.getByLabel("Details").fill("5xx from the card API since the 14:02 deploy");
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
    // send happens in the background; the page refreshes itself every 10 seconds).
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
}
