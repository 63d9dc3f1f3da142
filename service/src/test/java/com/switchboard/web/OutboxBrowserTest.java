package com.switchboard.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.options.AriaRole;
import com.switchboard.testing.Api;
import com.switchboard.testing.Api.Login;
import com.switchboard.testing.Paging;
import com.switchboard.testing.TestApp;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The outbox screen in Chromium: messages arrive without a reload; a reply acknowledges. */
class OutboxBrowserTest extends BrowserTest {
  @Test
  void aPageArrivesWithoutReloadAndTheSimulatedReplyAcknowledgesTheIncident() {
    Api api = TestApp.api();
    Login owner = api.signup("Outbox");
    logIn(owner.slug(), owner.email());

    // Nothing sent yet: the empty outbox says why messages would land here.
    navLink("Outbox").click();
    assertThat(heading("Outbox")).isVisible();
    assertThat(page.getByText("No messages yet.")).isVisible();
    assertThat(page.getByText("no Twilio or SendGrid configured")).isVisible();

    // Through the API: a verified phone (its code arrives in the outbox), paged at once by a policy
    // on a service; then an incident on it.
    Paging paging = new Paging(api, owner);
    String sms = paging.verifiedMethod(owner.userId(), "sms", "+14155550142");
    paging.rule(owner.userId(), sms, "high", 0);
    String policy =
        paging.policy("Checkout on call", 0, 5, List.of(List.of(Paging.user(owner.userId()))));
    String service = paging.service("Checkout API", policy);
    assertThat(row("verification code")).containsText("+14155550142");

    String incident =
        paging
            .trigger(service, "Checkout error rate 12%", "high", null)
            .body()
            .path("incident")
            .path("id")
            .asText();
    Locator pageRow = row("Checkout error rate 12%");
    assertThat(pageRow).containsText("SMS");
    assertThat(pageRow).containsText("+14155550142");
    assertThat(pageRow).containsText("Kept, not sent");
    screenshot("outbox");

    // Reply as the phone would: the suggested text acknowledges incident #1.
    pageRow.getByRole(AriaRole.BUTTON, new Locator.GetByRoleOptions().setName("Reply")).click();
    assertThat(page.getByLabel("Reply text")).hasValue("1A");
    button("Send reply").click();
    assertThat(status()).containsText("Replied “1A”. Switchboard answered:");
    assertThat(row("Simulated reply")).containsText("1A");
    assertEquals(
        "acknowledged",
        api.get("/api/v1/incidents/" + incident, owner)
            .body()
            .path("incident")
            .path("status")
            .asText());
  }

  @Test
  void respondersCannotOpenTheOutbox() {
    Api api = TestApp.api();
    Login owner = api.signup("Closed");
    Login responder = api.addMember(owner, "responder");
    logIn(owner.slug(), responder.email());
    assertThat(navLink("Outbox")).hasCount(0);
    page.navigate(base + "/outbox");
    assertThat(page.getByText("Only owners and admins can open this page.")).isVisible();
  }
}
