package com.switchboard.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.switchboard.testing.Api;
import com.switchboard.testing.Api.Login;
import com.switchboard.testing.Paging;
import com.switchboard.testing.TestApp;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * A new organization's way to its first page, in Chromium: the onboarding checklist from sign-up to
 * a test page in the outbox acknowledged by an SMS reply, the home page's on-call status, and the
 * profile's contact methods and notification rules.
 */
class OnboardingBrowserTest extends BrowserTest {
  private static final Pattern CODE = Pattern.compile("verification code: ([0-9]{6})");

  @Test
  void aNewOwnerGoesThroughTheChecklistToAnAcknowledgedTestPage() {
    signUp("Acme Corp", "Ann Owner", "ann@acme.test");
    assertThat(heading("Get started")).isVisible();
    assertThat(page.getByText("0 of 6 done")).isVisible();

    // 1. Invite a teammate.
    field("Email").fill("bob@acme.test");
    button("Send invitation").click();
    assertThat(status()).containsText("Invited bob@acme.test.");
    assertThat(step("invite")).containsText("1 invitation(s) pending");

    // 2. A team and its service.
    field("Team name").fill("Platform");
    field("Service name").fill("Checkout API");
    button("Create team and service").click();
    assertThat(step("service")).containsText("Checkout API (owned by Platform)");

    // 3. A weekly rotation with the owner in it (ticked by default).
    assertThat(page.getByLabel("Ann Owner")).isChecked();
    field("Hand-off time").fill("10:00");
    button("Create schedule").click();
    assertThat(step("schedule")).containsText("Platform on call (Europe/Berlin)");

    // 4. A policy paging that schedule, attached to the service.
    assertThat(field("First step pages the schedule")).containsText("Platform on call");
    button("Create policy and attach it").click();
    assertThat(step("policy")).containsText("Checkout API pages Checkout API escalation");

    // 5. The phone, verified with the code that waits in the outbox (no SMS provider here).
    field("Mobile number").fill("+14155550123");
    button("Add number and send code").click();
    verifyWithTheCodeInTheOutbox("+14155550123");
    assertThat(step("phone")).containsText("Verified: +14155550123");

    // 6. The test page arrives in the outbox with its reply code; replying 1A acknowledges.
    assertThat(page.getByText("5 of 6 done")).isVisible();
    button("Send a test page").click();
    Locator sms = step("testPage").locator(".onb-message").first();
    assertThat(sms).containsText("#1 HIGH Checkout API");
    assertThat(sms).containsText("Reply 1A ack");
    assertThat(step("testPage")).containsText("Reply 1A to acknowledge");
    assertThat(step("testPage")).containsText("triggered");
    button("Reply 1A from +14155550123").click();

    assertThat(step("testPage")).containsText("acknowledged by Ann Owner");
    assertThat(step("testPage")).containsText("You replied: 1A");
    assertThat(page.getByText("6 of 6 done")).isVisible();
    assertThat(heading("Switchboard pages you now")).isVisible();
    assertThat(page.locator(".onb-step.done")).hasCount(6);
    screenshot("onboarding");

    // The checklist goes away; home says the owner is on call and shows the incident.
    button("Hide checklist").click();
    assertThat(heading("Hello, Ann")).isVisible();
    assertThat(page.locator(".home-oncall"))
        .containsText("You are on call now for Platform on call");
    assertThat(row("#1 Test page from the onboarding checklist"))
        .containsText("Acknowledged by Ann Owner");
    assertThat(page.getByText("Finish the checklist")).hasCount(0);
    screenshot("home");

    // Nothing scrolls sideways on a phone.
    page.setViewportSize(390, 844);
    for (String path : List.of("/", "/onboarding", "/profile")) {
      page.navigate(base + path);
      assertThat(page.locator("main h1")).isVisible();
      assertThat(page.locator(".loading")).hasCount(0);
      assertEquals(0, horizontalOverflow(), path + " overflows at 390 px");
    }
  }

  @Test
  void anOwnerWithAnUnfinishedChecklistIsPointedToItAndAResponderIsNot() {
    Api api = TestApp.api();
    Login owner = api.signup("Initech");
    String ownerEmail = owner.email();
    Login responder = api.addMember(owner, "responder");

    logIn(owner.slug(), ownerEmail);
    assertThat(page.locator("main h1")).containsText("Hello");
    assertThat(page.locator(".home-banner")).containsText("Getting started: 1 of 6 steps done.");
    assertThat(page.locator(".home-oncall")).containsText("You are on no schedule");
    assertThat(page.locator(".home-incidents")).containsText("Nothing is paging you");
    link("Finish the checklist").click();
    assertThat(heading("Get started")).isVisible();
    // Another member already counts as a teammate.
    assertThat(step("invite")).containsText("1 teammate");

    button("Log out").click();
    logIn(owner.slug(), responder.email());
    assertThat(page.locator("main h1")).containsText("Hello");
    assertThat(page.locator(".home-banner")).hasCount(0);
    assertThat(navLink("Get started")).hasCount(0);
  }

  @Test
  void aPersonAddsAndVerifiesAContactMethodAndAddsANotificationRule() {
    Api api = TestApp.api();
    Login owner = api.signup("Hooli");
    logIn(owner.slug(), owner.email());
    page.locator("#who").click();
    assertThat(heading("My profile")).isVisible();
    assertThat(page.getByText("No contact methods: Switchboard cannot page you.")).isVisible();
    assertThat(page.getByText("Verify a contact method first")).isVisible();

    field("Channel").selectOption("sms");
    field("Phone number or email").fill("+14155550199");
    page.getByLabel("Label").fill("Work mobile");
    button("Add and send code").click();
    assertThat(row("+14155550199")).containsText("Not verified");
    verifyWithTheCodeInTheOutbox("+14155550199");
    assertThat(row("+14155550199")).containsText("Verified");
    assertThat(heading("Verify SMS +14155550199")).hasCount(0);

    // A test message to myself lands in the outbox.
    button("Send a test message to +14155550199").click();
    assertThat(status()).containsText("Sent a test message to +14155550199.");
    String testMessage = new Paging(api, owner).latestOutbox("+14155550199").path("body").asText();
    assertTrue(testMessage.contains("test message for"), testMessage);

    // A wrong delay is refused beside its field; a right one adds the rule.
    field("Minutes after the page").fill("2000");
    button("Add rule").click();
    assertThat(field("Minutes after the page")).hasAttribute("aria-invalid", "true");
    field("Minutes after the page").fill("2");
    button("Add rule").click();
    Locator rules =
        page.getByRole(AriaRole.TABLE).filter(new Locator.FilterOptions().setHasText("Urgency"));
    assertThat(rules).containsText("after 2 min");
    assertThat(rules).containsText("SMS +14155550199");

    // Name and time zone: the session follows.
    field("Your name").fill("Hooli Boss");
    field("Time zone").fill("America/New_York");
    button("Save").click();
    assertThat(status()).containsText("Saved your name and time zone.");
    assertThat(page.locator(".topbar")).containsText("Hooli Boss");
    assertThat(page.getByText("now America/New_York")).isVisible();

    // A calendar link of my shifts, shown once, and stopped.
    button("Make a calendar link").click();
    assertThat(field("Calendar address")).hasValue(Pattern.compile("/calendar/.+\\.ics$"));
    button("Stop this link").click();
    assertThat(status()).containsText("no longer works");
    // The password: a wrong current one is refused beside its field, a right one is changed.
    field("Current password").fill("not my password");
    field("New password").fill("a brand new passphrase");
    button("Change password").click();
    assertThat(field("Current password")).hasAttribute("aria-invalid", "true");
    field("Current password").fill(PASSWORD);
    field("New password").fill("a brand new passphrase");
    button("Change password").click();
    assertThat(status()).containsText("Changed your password.");
    screenshot("profile");
    assertEquals(
        200,
        api.post(
                "/api/v1/session",
                Map.of(
                    "tenant", owner.slug(),
                    "email", owner.email(),
                    "password", "a brand new passphrase"),
                Api.ANONYMOUS)
            .status());
  }

  /** Reads the code from the outbox line under the code form, as the owner would, and enters it. */
  private void verifyWithTheCodeInTheOutbox(String number) {
    Locator outboxLine = page.locator(".outbox-latest");
    assertThat(outboxLine).containsText("verification code:");
    Matcher code = CODE.matcher(outboxLine.textContent());
    assertEquals(true, code.find(), "a code in " + outboxLine.textContent());
    field("Code sent to " + number).fill(code.group(1));
    button("Verify").click();
  }

  /** The control whose label is exactly {@code label} (forms and sections have names too). */
  private Locator field(String label) {
    return page.getByLabel(label, new Page.GetByLabelOptions().setExact(true));
  }

  private Locator step(String id) {
    return page.locator("li.onb-step")
        .filter(new Locator.FilterOptions().setHas(page.locator("#step-" + id)));
  }
}
