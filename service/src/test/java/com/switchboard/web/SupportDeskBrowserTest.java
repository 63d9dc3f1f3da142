package com.switchboard.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;

import com.fasterxml.jackson.databind.JsonNode;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import com.switchboard.testing.Api;
import com.switchboard.testing.Api.Login;
import com.switchboard.testing.Api.Reply;
import com.switchboard.testing.Paging;
import com.switchboard.testing.TestApp;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The agent's desk and support's admin screens in Chromium: the queue with its countdowns, a ticket
 * escalated to its service's on-call engineer, whose SMS acknowledgement the agent sees arrive
 * without a reload, and an SLA policy made through its editor.
 */
class SupportDeskBrowserTest extends BrowserTest {
  private final Api api = TestApp.api();

  private static Reply created(Reply reply) {
    assertEquals(201, reply.status(), reply::toString);
    return reply;
  }

  @Test
  void anAgentEscalatesATicketAndSeesTheEngineersAcknowledgementWithoutReload() {
    // The organization, through the API: an engineer paged by SMS at once for Checkout API, a
    // premium customer whose SLA gives urgent tickets 30 minutes to a first response.
    Login owner = api.signup("Desk Co");
    Login agent = api.addMember(owner, "agent");
    Login engineer = api.addMember(owner, "responder");
    Paging paging = new Paging(api, owner);
    String sms = paging.verifiedMethod(engineer.userId(), "sms", "+14155550177");
    paging.rule(engineer.userId(), sms, "high", 0);
    String policy =
        paging.policy("Checkout on call", 0, 5, List.of(List.of(Paging.user(engineer.userId()))));
    String service = paging.service("Checkout API", policy);
    String acme =
        created(api.post("/api/v1/customers", Map.of("name", "Acme", "tier", "premium"), agent))
            .id();
    created(
        api.post(
            "/api/v1/sla-policies",
            Map.of(
                "name",
                "Premium 24x7",
                "tier",
                "premium",
                "targets",
                List.of(
                    Map.of(
                        "priority",
                        "urgent",
                        "firstResponseMinutes",
                        30,
                        "resolutionMinutes",
                        240)),
                "escalationPolicyId",
                policy),
            owner));
    created(
        api.post(
            "/api/v1/tickets",
            Map.of("subject", "Export to CSV is slow", "priority", "low", "requester", "bo@b.test"),
            agent));
    created(
        api.post(
            "/api/v1/tickets",
            Map.of(
                "subject",
                "Card payments fail at checkout",
                "description",
                "Every card is declined since this morning.",
                "priority",
                "urgent",
                "customerId",
                acme,
                "serviceId",
                service,
                "requester",
                "jo@acme.test"),
            agent));
    String engineerName =
        api.get("/api/v1/users/" + engineer.userId(), owner).body().path("name").asText();

    // The queue: the ticket with a running clock first, counting down; the other has no SLA.
    logIn(agent.slug(), agent.email());
    navLink("Tickets").click();
    assertThat(heading("Tickets")).isVisible();
    Locator urgent = row("Card payments fail at checkout");
    assertThat(urgent).containsText(Pattern.compile("First response: due in (29|30) min"));
    assertThat(urgent).containsText("Acme");
    assertThat(urgent).containsText("premium");
    assertThat(urgent).containsText("Unassigned");
    assertThat(row("Export to CSV is slow")).containsText("No SLA");
    assertThat(page.getByRole(AriaRole.ROW).nth(1)).containsText("Card payments fail at checkout");
    page.getByLabel("Show", new Page.GetByLabelOptions().setExact(true)).selectOption("mine");
    assertThat(page.getByText("No ticket matches these filters.")).isVisible();
    page.getByLabel("Show", new Page.GetByLabelOptions().setExact(true)).selectOption("all");
    assertThat(urgent).isVisible();
    screenshot("tickets");

    // The ticket: its clocks, and engineering does not know yet.
    urgent
        .getByRole(
            AriaRole.LINK,
            new Locator.GetByRoleOptions().setName("T-2 Card payments fail at checkout"))
        .click();
    assertThat(heading("T-2 Card payments fail at checkout")).isVisible();
    Locator firstResponse = row("First response");
    assertThat(firstResponse).containsText("active");
    assertThat(firstResponse).containsText(Pattern.compile("due in (29|30) min"));
    assertThat(row("Resolution")).containsText(Pattern.compile("due in 3 h (59|60) min|4 h 0 min"));
    assertThat(page.getByText("No open incident on Checkout API")).isVisible();

    // Escalate: an incident on Checkout API pages its on-call engineer.
    button("Escalate to an incident").click();
    assertThat(status()).containsText("Escalated to incident #1");
    assertThat(heading("Incident #1 [T-2] Card payments fail at checkout")).isVisible();
    Locator incident = page.getByLabel("Incident status");
    assertThat(incident).containsText("triggered");
    assertThat(incident).containsText("on Checkout API");
    assertThat(page.getByText("Escalated to incident #1 on Checkout API").first()).isVisible();

    // The engineer answers the page's SMS; the agent's screen follows without a reload.
    JsonNode sent = paging.awaitPages(1).get(0);
    assertEquals("+14155550177", sent.path("address").asText());
    Reply ack =
        api.post(
            "/api/v1/outbox/" + sent.path("id").asText() + "/reply", Map.of("body", "1A"), owner);
    assertEquals(200, ack.status(), ack::toString);
    assertThat(incident).containsText("acknowledged");
    assertThat(incident).containsText("acknowledged by " + engineerName);
    assertThat(incident).not().containsText("triggered");
    assertThat(row("Acknowledged by " + engineerName)).isVisible();

    // The acknowledgement brings a suggested reply from the template; the agent sends it.
    Locator suggestion = page.getByLabel("Suggested reply");
    assertThat(suggestion).isVisible();
    button("Use suggested reply").click();
    Locator message = page.getByLabel("Message", new Page.GetByLabelOptions().setExact(true));
    assertThat(message).not().hasValue("");
    button("Send reply").click();
    assertThat(status()).containsText("Reply sent.");
    assertThat(firstResponse).containsText("met");
    assertThat(suggestion).hasCount(0);
    screenshot("ticket");

    // At phone width the desk does not scroll sideways.
    context.close();
    context = newContext(390, 844);
    page = newPage(context);
    logIn(agent.slug(), agent.email());
    for (String path :
        List.of("/tickets", "/customers", "/sla-policies", "/message-templates", "/impact-rules")) {
      page.navigate(base + path);
      assertThat(page.locator("h1")).isVisible();
      assertThat(page.locator(".loading")).hasCount(0);
      assertEquals(0, horizontalOverflow(), path + " scrolls sideways at 390 px");
    }
    page.navigate(base + "/tickets");
    row("Card payments fail at checkout")
        .getByRole(
            AriaRole.LINK,
            new Locator.GetByRoleOptions().setName("T-2 Card payments fail at checkout"))
        .click();
    assertThat(heading("Incident #1")).isVisible();
    assertThat(page.locator(".loading")).hasCount(0);
    assertEquals(0, horizontalOverflow(), "the ticket scrolls sideways at 390 px");
  }

  @Test
  void anAdminCreatesAnSlaPolicyWithBusinessHoursThroughTheScreen() {
    signUp("Policy Co", "Pat Owner", "pat@policy.test");
    String slug = page.locator(".topbar .slug").textContent().trim();
    Login pat = api.login(slug, "pat@policy.test", PASSWORD);
    new Paging(api, pat)
        .policy("Support on call", 0, 5, List.of(List.of(Paging.user(pat.userId()))));

    navLink("SLA policies").click();
    assertThat(heading("SLA policies")).isVisible();
    assertThat(page.getByText("No SLA policies yet, so tickets have no clocks.")).isVisible();

    page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true))
        .fill("Premium business hours");
    page.getByLabel("Customer tier").fill("premium");
    page.getByLabel("Escalation policy a breach pages")
        .selectOption(new SelectOption().setLabel("Support on call"));
    Locator urgent = group("Target 1");
    urgent.getByLabel("First response (min)").fill("30");
    urgent.getByLabel("Resolution (min)").fill("240");

    // The other priorities are listed with no minutes: the API names each field at once.
    button("Create SLA policy").click();
    for (String target : List.of("Target 2", "Target 3", "Target 4")) {
      assertThat(group(target).getByLabel("First response (min)"))
          .hasAttribute("aria-invalid", "true");
    }
    assertThat(urgent.getByLabel("First response (min)"))
        .not()
        .hasAttribute("aria-invalid", "true");
    button("Remove target 4").click();
    button("Remove target 3").click();
    button("Remove target 2").click();

    // Business hours in New York, weekdays nine to five, without Christmas Day.
    page.getByLabel("Around the clock (24x7): every minute counts").uncheck();
    page.getByLabel("Time zone").fill("America/New_York");
    assertThat(group("Window 5").getByLabel("From day")).hasValue("FRIDAY");
    page.getByLabel("Holidays").fill("2026-12-25");
    button("Create SLA policy").click();

    assertThat(heading("Premium business hours")).isVisible();
    assertThat(status()).containsText("Saved the SLA policy Premium business hours");
    Locator summary = page.getByLabel("SLA policy summary");
    assertThat(summary).containsText("premium");
    assertThat(summary).containsText("Mon–Fri 09:00–17:00 (America/New_York)");
    assertThat(summary).containsText("2026-12-25");
    assertThat(summary).containsText("at 75% of each target");
    assertThat(summary).containsText("Support on call");
    Locator target = row("Urgent");
    assertThat(target).containsText("30 min");
    assertThat(target).containsText("4 h");
    assertThat(target).containsText("no clock");
    screenshot("sla-policy");

    navLink("SLA policies").click();
    assertThat(row("Premium business hours")).containsText("premium");
    assertThat(row("Premium business hours")).containsText("Urgent: 30 min");
  }

  private Locator group(String name) {
    return page.getByRole(AriaRole.GROUP, new Page.GetByRoleOptions().setName(name));
  }
}
