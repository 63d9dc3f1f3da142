package com.switchboard.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.switchboard.testing.Api;
import com.switchboard.testing.Api.Login;
import com.switchboard.testing.Paging;
import com.switchboard.testing.TestApp;
import java.net.URI;
import java.time.Duration;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Account recovery in Chromium: forgot password → the email's link → a new password, once. */
class RecoveryBrowserTest extends BrowserTest {
  private static final Pattern RESET_LINK =
      Pattern.compile("https?://\\S+/reset-password\\?token=\\S+");

  @Test
  void aForgottenPasswordIsResetThroughTheEmailedLinkWhichWorksOnce() {
    Api api = TestApp.api();
    Login owner = api.signup("Recover");

    page.navigate(base + "/login");
    link("Forgot your password?").click();
    assertThat(heading("Reset your password")).isVisible();
    page.getByLabel("Organization").fill(owner.slug());
    page.getByLabel("Email").fill(owner.email());
    screenshot("forgot-password");
    button("Send reset link").click();
    assertThat(heading("Check your email")).isVisible();
    assertThat(page.getByText("If " + owner.email() + " has an account in that organization"))
        .isVisible();

    // The email landed in the organization's outbox (no SendGrid in tests).
    Paging outbox = new Paging(api, owner);
    await()
        .atMost(Duration.ofSeconds(20))
        .until(
            () ->
                RESET_LINK
                    .matcher(outbox.latestOutbox(owner.email()).path("body").asText())
                    .find());
    Matcher found = RESET_LINK.matcher(outbox.latestOutbox(owner.email()).path("body").asText());
    found.find();
    URI link = URI.create(found.group());
    String resetPath = link.getRawPath() + "?" + link.getRawQuery();

    page.navigate(base + resetPath);
    assertThat(heading("Choose a new password")).isVisible();
    page.getByLabel("New password", new Page.GetByLabelOptions().setExact(true))
        .fill("a brand new passphrase");
    page.getByLabel("Repeat the new password").fill("a different passphrase");
    button("Set new password").click();
    assertThat(page.getByLabel("Repeat the new password")).hasAttribute("aria-invalid", "true");
    page.getByLabel("Repeat the new password").fill("a brand new passphrase");
    button("Set new password").click();
    assertThat(heading("Password changed")).isVisible();

    link("Log in with your new password").click();
    page.getByLabel("Organization").fill(owner.slug());
    page.getByLabel("Email").fill(owner.email());
    page.getByLabel("Password").fill("a brand new passphrase");
    button("Log in").click();
    assertThat(page.locator(".topbar")).containsText("Recover Owner");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log out")).click();

    // The same link a second time is refused, and says what to do.
    page.navigate(base + resetPath);
    page.getByLabel("New password", new Page.GetByLabelOptions().setExact(true))
        .fill("yet another passphrase");
    page.getByLabel("Repeat the new password").fill("yet another passphrase");
    button("Set new password").click();
    assertThat(page.getByRole(AriaRole.ALERT))
        .containsText("This password reset link was already used; ask for a new one");
    assertThat(heading("Choose a new password")).isVisible();
    assertThat(link("Ask for a new one")).isVisible();
  }

  @Test
  void theSignInNameReminderAnswersTheSameForAnyAddress() {
    page.navigate(base + "/login");
    link("Forgot your organization’s sign-in name?").click();
    assertThat(heading("Find your organization")).isVisible();
    page.getByLabel("Email").fill("nobody@nowhere.test");
    button("Email me my sign-in names").click();
    assertThat(heading("Check your email")).isVisible();
    assertThat(
            page.getByText(
                "If nobody@nowhere.test belongs to anyone in Switchboard, we have emailed it the"
                    + " sign-in names of its organizations."))
        .isVisible();
    link("Back to log in").click();
    assertThat(heading("Log in")).isVisible();
  }
}
