package com.switchboard.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import com.switchboard.testing.Api;
import com.switchboard.testing.Api.Login;
import com.switchboard.testing.Paging;
import com.switchboard.testing.TestApp;
import java.time.ZoneId;
import java.time.ZonedDateTime;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Escalation policies and the service page in Chromium: build, attach, preview, maintenance. */
class PolicyBrowserTest extends BrowserTest {
  @Test
  void anAdminBuildsAPolicyAttachesItToAServiceAndPlansMaintenance() {
    signUp("Globex", "Gil Admin", "gil@globex.test");
    String slug = page.locator(".topbar .slug").textContent().trim();

    // Background through the API: Gil can be paged by SMS; a responder, Rae, joined without a
    // contact method; the SRE team (Rae alone) owns Checkout API, which pages nobody yet.
    Api api = TestApp.api();
    Login gil = api.login(slug, "gil@globex.test", PASSWORD);
    Paging paging = new Paging(api, gil);
    paging.rule(
        gil.userId(), paging.verifiedMethod(gil.userId(), "sms", "+14155550142"), "high", 0);
    Login rae = api.addMember(gil, "responder");
    String raeName = api.get("/api/v1/users/" + rae.userId(), gil).body().path("name").asText();
    String sre = api.createTeam(gil, "SRE", "engineering");
    api.put("/api/v1/teams/" + sre + "/members/" + rae.userId(), null, gil);
    api.createService(gil, "Checkout API", "Card checkout", sre);

    navLink("Escalation policies").click();
    assertThat(heading("Escalation policies")).isVisible();
    assertThat(page.getByText("No escalation policies yet.")).isVisible();

    // Two steps: Gil, then one SRE member in turn. A wait of 0 minutes is refused beside its field.
    Locator create =
        page.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("Create a policy"));
    create.getByLabel("Policy name").fill("Checkout on call");
    Locator step1 = group(create, "Step 1");
    step1
        .getByLabel("Who")
        .selectOption(new SelectOption().setLabel("Gil Admin (gil@globex.test)"));
    step1.getByLabel("Then wait (minutes)").fill("0");
    create.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("+ Add step")).click();
    Locator step2 = group(create, "Step 2");
    step2.getByLabel("Page", new Locator.GetByLabelOptions().setExact(true)).selectOption("team");
    step2.getByLabel("Who").selectOption(new SelectOption().setLabel("SRE (1 member)"));
    step2.getByLabel("Team members paged").selectOption("round_robin");
    // Steps move with their inputs: the team step up to first, and back down.
    button("Move step 2 up").click();
    assertThat(step1.getByLabel("Page", new Locator.GetByLabelOptions().setExact(true)))
        .hasValue("team");
    button("Move step 1 down").click();
    assertThat(step1.getByLabel("Page", new Locator.GetByLabelOptions().setExact(true)))
        .hasValue("user");
    assertThat(step1.getByLabel("Who")).hasValue(gil.userId());
    button("Create policy").click();

    Locator wait1 = step1.getByLabel("Then wait (minutes)");
    assertThat(wait1).hasAttribute("aria-invalid", "true");
    assertThat(wait1).hasAccessibleDescription(Pattern.compile("greater than or equal to 1"));
    assertThat(step2.getByLabel("Then wait (minutes)")).not().hasAttribute("aria-invalid", "true");
    wait1.fill("10");
    button("Create policy").click();

    // The policy's page: who each step would page now, and Rae flagged as unreachable.
    assertThat(heading("Checkout on call")).isVisible();
    assertThat(status()).containsText("Created the policy Checkout on call.");
    assertThat(page.getByText("No service uses this policy yet")).isVisible();
    Locator pagedNow =
        page.getByRole(
            AriaRole.REGION, new Page.GetByRoleOptions().setName("Who would be paged right now"));
    Locator paged1 =
        pagedNow.getByRole(AriaRole.LISTITEM, new Locator.GetByRoleOptions().setName("Step 1"));
    assertThat(paged1).containsText("Gil Admin");
    assertThat(paged1).containsText("then 10 min before step 2");
    assertThat(paged1).not().containsText("Unreachable");
    Locator paged2 =
        pagedNow.getByRole(AriaRole.LISTITEM, new Locator.GetByRoleOptions().setName("Step 2"));
    assertThat(paged2).containsText("SRE (one member in turn)");
    assertThat(paged2).containsText(raeName + " Unreachable: no verified contact method");
    assertThat(paged2).not().containsText("Gil Admin");
    screenshot("escalation-policy");

    // The service page: no policy yet, so a warning; attaching the policy shows who is on call.
    navLink("Service directory").click();
    link("Checkout API").click();
    assertThat(heading("Checkout API")).isVisible();
    assertThat(page.getByText("incidents on this service page nobody")).isVisible();
    assertThat(page.getByText("No open incidents on this service.")).isVisible();
    page.getByLabel("Escalation policy", new Page.GetByLabelOptions().setExact(true))
        .selectOption(new SelectOption().setLabel("Checkout on call"));
    button("Save escalation policy").click();
    assertThat(status()).containsText("Checkout API now pages Checkout on call.");
    assertThat(page.getByText("incidents on this service page nobody")).hasCount(0);
    Locator onCall =
        page.getByRole(AriaRole.REGION, new Page.GetByRoleOptions().setName("Escalation"));
    assertThat(
            onCall.getByRole(
                AriaRole.LINK, new Locator.GetByRoleOptions().setName("Checkout on call")))
        .isVisible();
    assertThat(
            onCall.getByRole(AriaRole.LISTITEM, new Locator.GetByRoleOptions().setName("Step 1")))
        .containsText("Gil Admin");

    // Maintenance until tomorrow, typed in the viewer's zone (the browser's, Berlin).
    String until =
        ZonedDateTime.now(ZoneId.of("Europe/Berlin"))
            .plusDays(1)
            .truncatedTo(ChronoUnit.MINUTES)
            .format(DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm"));
    Locator plan =
        page.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("Plan maintenance"));
    assertThat(page.getByText("No maintenance planned.")).isVisible();
    plan.getByLabel("Until").fill(until);
    plan.getByLabel("Reason").fill("Database upgrade");
    button("Add maintenance window").click();
    assertThat(status()).containsText("Maintenance window added.");
    Locator window = row("Database upgrade");
    assertThat(window).containsText("Gil Admin");
    assertThat(window).containsText(Pattern.compile("GMT\\+[12]"));

    // Support hours: an unknown zone is refused beside its field; then weekdays 09:00-17:00.
    Locator hours =
        page.getByRole(AriaRole.FORM, new Page.GetByRoleOptions().setName("Set support hours"));
    Locator zone = hours.getByLabel("Time zone");
    zone.fill("Mars/Olympus");
    button("Save support hours").click();
    assertThat(zone).hasAttribute("aria-invalid", "true");
    zone.fill("Europe/Berlin");
    button("Save support hours").click();
    assertThat(status()).containsText("Support hours saved.");
    assertThat(page.getByText("Monday 09:00–17:00")).isVisible();
    assertThat(page.getByText("Friday 09:00–17:00")).isVisible();
    assertThat(page.getByText("a low-urgency incident opens but nobody is paged")).isVisible();

    // A test incident opens (nobody is paged during the maintenance) and is listed as open.
    page.onceDialog(dialog -> dialog.accept());
    button("Trigger a test incident").click();
    assertThat(status()).containsText("Triggered #1: Test incident on Checkout API.");
    assertThat(link("#1 Test incident on Checkout API")).isVisible();
    screenshot("service");

    // Back on the list, the policy names the service that uses it.
    navLink("Escalation policies").click();
    Locator listed = row("Checkout on call");
    assertThat(listed).containsText("2 steps");
    assertThat(
            listed.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Checkout API")))
        .isVisible();
    assertThat(listed).containsText("1 unreachable");

    // At phone width neither screen scrolls sideways.
    page.setViewportSize(390, 900);
    assertEquals(0, horizontalOverflow(), "the policy list scrolls sideways at 390 px");
    listed
        .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Checkout on call"))
        .click();
    assertThat(heading("Checkout on call")).isVisible();
    assertThat(page.getByText("Edit the policy")).isVisible();
    assertEquals(0, horizontalOverflow(), "the policy page scrolls sideways at 390 px");
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Checkout API"))
        .first()
        .click();
    assertThat(heading("Checkout API")).isVisible();
    assertThat(row("Database upgrade")).isVisible();
    assertEquals(0, horizontalOverflow(), "the service page scrolls sideways at 390 px");
  }

  @Test
  void aPolicyInUseCannotBeDeletedAndAViewerSeesNoEditor() {
    signUp("Hooli", "Hal Owner", "hal@hooli.test");
    String slug = page.locator(".topbar .slug").textContent().trim();
    Api api = TestApp.api();
    Login hal = api.login(slug, "hal@hooli.test", PASSWORD);
    Paging paging = new Paging(api, hal);
    String policy =
        paging.policy(
            "Search on call",
            0,
            5,
            java.util.List.of(java.util.List.of(Paging.user(hal.userId()))));
    paging.service("Search", policy);

    page.navigate(base + "/escalation-policies/" + policy);
    assertThat(heading("Search on call")).isVisible();
    page.onceDialog(dialog -> dialog.accept());
    button("Delete policy").click();
    assertThat(status()).containsText("used by 1 service; point them at another policy first");
    assertThat(heading("Search on call")).isVisible();

    // A viewer reads the policy and who it pages, but gets no editor and no delete.
    Login viewer = api.addMember(hal, "viewer");
    context.clearCookies();
    logIn(slug, viewer.email());
    page.navigate(base + "/escalation-policies/" + policy);
    assertThat(heading("Search on call")).isVisible();
    assertThat(page.getByText("Hal Owner").first()).isVisible();
    assertThat(button("Save policy")).hasCount(0);
    assertThat(button("Delete policy")).hasCount(0);
    page.navigate(base + "/escalation-policies/00000000-0000-0000-0000-000000000000");
    assertThat(page.getByText("There is nothing here")).isVisible();
  }

  private static Locator group(Locator within, String name) {
    return within.getByRole(
        AriaRole.GROUP, new Locator.GetByRoleOptions().setName(name).setExact(true));
  }
}
