package com.switchboard.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.PlaywrightException;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import com.switchboard.testing.Api;
import com.switchboard.testing.Api.Login;
import com.switchboard.testing.TestApp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/**
 * Schedules in Chromium: an admin builds a Europe/Berlin schedule whose layer is restricted to a
 * weekly window, adds an override, and reads the timeline at instants either side of the spring
 * clock change; the on-call page then shows who is on call and the owner's own shifts.
 */
class ScheduleBrowserTest extends BrowserTest {
  private final Api api = TestApp.api();

  @Test
  void adminBuildsARestrictedRotationWithAnOverrideAndTheTimelineShowsWhoIsOnCallAcrossDst() {
    Login owner = api.signup("Nightwatch");
    rename(owner, owner.userId(), "Olive Owner");
    Login alice = api.addMember(owner, "responder");
    rename(owner, alice.userId(), "Alice Adams");
    Login bob = api.addMember(owner, "responder");
    rename(owner, bob.userId(), "Bob Brown");
    Login carol = api.addMember(owner, "responder");
    rename(owner, carol.userId(), "Carol Clark");
    logIn(owner.slug(), owner.email());

    // No schedule yet: the list says what to do.
    navLink("Schedules").click();
    assertThat(heading("Schedules")).isVisible();
    assertThat(page.getByText("No schedules yet")).isVisible();

    // A schedule whose first layer hands off on Mondays at 09:00 Berlin time, Bob first, and is
    // only on call from Monday 09:00 to Friday 17:00.
    page.getByLabel("Schedule name").fill("Berlin primary");
    page.getByLabel("Time zone").fill("Europe/Berlin");
    page.getByLabel("Layer name").fill("Weekdays");
    page.getByLabel("Rotation starts (Europe/Berlin time)").fill("2026-03-02T09:00");
    page.getByLabel("Rotation", new Page.GetByLabelOptions().setExact(true)).selectOption("weekly");
    page.getByLabel("Hand-off day").selectOption("MONDAY");
    page.getByLabel("Hand-off time (Europe/Berlin)").fill("09:00");
    Locator add = page.getByLabel("Add a participant");
    add.selectOption(new SelectOption().setLabel("Alice Adams (" + alice.email() + ")"));
    add.selectOption(new SelectOption().setLabel("Bob Brown (" + bob.email() + ")"));
    button("Move Bob Brown up").click();
    Locator order = page.locator(".participant-list li");
    assertThat(order.first()).containsText("Bob Brown");
    assertThat(order.nth(1)).containsText("Alice Adams");
    button("Add a window").click();
    page.getByLabel("Window 1 from day").selectOption("MONDAY");
    page.getByLabel("Window 1 from time").fill("09:00");
    page.getByLabel("Window 1 to day").selectOption("FRIDAY");
    page.getByLabel("Window 1 to time").fill("17:00");
    button("Create schedule").click();

    assertThat(heading("Berlin primary")).isVisible();
    assertThat(status()).containsText("Created Berlin primary.");
    assertThat(page.locator(".layer-card")).containsText("Weekly, Mondays 09:00");
    assertThat(page.locator(".layer-card")).containsText("Monday 09:00 – Friday 17:00");

    // The week of 25 March 2026; the clocks go forward on Sunday the 29th.
    page.getByLabel("Go to date").fill("2026-03-25");
    assertThat(page.locator(".timeline-range")).containsText("Wed 25 Mar");
    assertOnCallAt("2026-03-25T11:00:00Z", "Alice Adams:");
    assertOnCallAt("2026-03-28T11:00:00Z", "No one on call:");
    // Monday 30 March, 08:30 and 09:30 summer time: the window and the hand-off follow the
    // Berlin wall clock (an elapsed-time week would hand off an hour later, at 10:00).
    assertOnCallAt("2026-03-30T06:30:00Z", "No one on call:");
    assertOnCallAt(
        "2026-03-30T07:30:00Z", "Bob Brown: Mon 30 Mar, 09:00 GMT+2 – Fri 3 Apr, 17:00 GMT+2");

    // Hovering a block says who and when, in the viewer's zone with the zone named.
    finalBlockAt("2026-03-30T07:30:00Z").hover();
    assertThat(page.locator(".timeline-detail"))
        .containsText(
            "Final schedule: Bob Brown: Mon 30 Mar, 09:00 GMT+2 – Fri 3 Apr, 17:00 GMT+2");

    // An override: Carol covers Wednesday 10:00–14:00. The timeline previews it before saving.
    button("Add an override").click();
    page.getByLabel("Who is on call instead")
        .selectOption(new SelectOption().setLabel("Carol Clark"));
    page.getByLabel("From (Europe/Berlin time)").fill("2026-03-25T10:00");
    page.getByLabel("To (Europe/Berlin time)").fill("2026-03-25T14:00");
    page.getByLabel("Note").fill("Alice at the dentist");
    assertThat(page.getByRole(AriaRole.NOTE)).containsText("Nothing is saved yet.");
    assertOnCallAt("2026-03-25T11:00:00Z", "Carol Clark:");
    assertThat(page.locator(".lane.overrides .block.draft")).hasCount(1);
    button("Save override").click();

    assertThat(status()).containsText("Override saved: Carol Clark is on call instead.");
    assertThat(page.getByRole(AriaRole.NOTE)).hasCount(0);
    assertThat(row("Alice at the dentist")).containsText("Carol Clark");
    assertOnCallAt(
        "2026-03-25T11:00:00Z", "Carol Clark: Wed 25 Mar, 10:00 GMT+1 – Wed 25 Mar, 14:00 GMT+1");
    assertOnCallAt("2026-03-25T14:00:00Z", "Alice Adams:");
    assertOnCallAt("2026-03-30T07:30:00Z", "Bob Brown:");
    screenshot("schedule");

    // The API agrees with what the timeline showed.
    assertEquals(
        "Bob Brown",
        api.get("/api/v1/schedules/" + scheduleId() + "/oncall?at=2026-03-30T07:30:00Z", owner)
            .body()
            .path("user")
            .path("name")
            .asText());

    // Today the owner covers the next two hours (set up through the API): the schedules list and
    // the on-call page show them, and the owner's shifts list it.
    Instant now = Instant.now().truncatedTo(ChronoUnit.MINUTES);
    Api.Reply covered =
        api.post(
            "/api/v1/schedules/" + scheduleId() + "/overrides",
            Map.of(
                "userId", owner.userId(),
                "start", now.minus(Duration.ofMinutes(5)).toString(),
                "end", now.plus(Duration.ofHours(2)).toString()),
            owner);
    assertEquals(201, covered.status(), covered.toString());

    navLink("Schedules").click();
    assertThat(row("Berlin primary")).containsText("Olive Owner");
    screenshot("schedules");

    navLink("On call").click();
    assertThat(heading("On call")).isVisible();
    Locator onCallTable =
        page.getByRole(
            AriaRole.TABLE, new Page.GetByRoleOptions().setName("Who is on call now, by schedule"));
    Locator berlin =
        onCallTable
            .getByRole(AriaRole.ROW)
            .filter(new Locator.FilterOptions().setHasText("Berlin"));
    assertThat(berlin).containsText("Olive Owner");
    page.getByLabel("Filter", new Page.GetByLabelOptions().setExact(true)).fill("nothing like it");
    assertThat(page.getByText("Nothing matches “nothing like it”.")).isVisible();
    page.getByLabel("Filter", new Page.GetByLabelOptions().setExact(true)).fill("");
    page.getByLabel("Person").selectOption(new SelectOption().setLabel("Bob Brown"));
    assertThat(
            page.getByRole(
                AriaRole.COLUMNHEADER, new Page.GetByRoleOptions().setName("Their next shift")))
        .isVisible();
    assertThat(berlin).containsText("GMT+1");
    Locator mine = page.locator("#my-shifts");
    assertThat(
            mine.getByRole(AriaRole.ROW)
                .filter(new Locator.FilterOptions().setHasText("Berlin primary")))
        .isVisible();
    screenshot("oncall");

    // Nothing scrolls sideways on a phone.
    page.setViewportSize(390, 844);
    for (String path : new String[] {"/schedules", "/schedules/" + scheduleId(), "/oncall"}) {
      page.navigate(base + path);
      assertThat(page.locator("h1")).isVisible();
      assertThat(page.locator(".loading")).hasCount(0);
      assertEquals(0, horizontalOverflow(), path + " scrolls sideways at 390 px");
    }
  }

  private String scheduleIdCache;

  /** The schedule's id, read from the address of its page once. */
  private String scheduleId() {
    if (scheduleIdCache == null) {
      String url = page.url();
      scheduleIdCache = url.substring(url.lastIndexOf('/') + 1);
    }
    return scheduleIdCache;
  }

  /** Finds the final schedule's blocks that cover an instant (from their data-start/-end). */
  private static final String COVERING =
      "t => [...document.querySelectorAll('.lane.final .block')].filter(e =>"
          + " Date.parse(e.dataset.start) <= Date.parse(t) && Date.parse(t) < Date.parse(e.dataset.end))";

  /**
   * Waits until the final schedule's block covering the instant is named {@code expected...}: the
   * person (or "No one on call") and from–to, as a screen reader reads the block.
   */
  private void assertOnCallAt(String instant, String expected) {
    try {
      page.waitForFunction(
          "([t, p]) => { const b = ("
              + COVERING
              + ")(t);"
              + " return b.length === 1 && b[0].getAttribute('aria-label').startsWith(p); }",
          List.of(instant, expected));
    } catch (PlaywrightException e) {
      Object shown =
          page.evaluate(
              "t => (" + COVERING + ")(t).map(e => e.getAttribute('aria-label'))", instant);
      fail("at " + instant + " the timeline shows " + shown + ", expected " + expected);
    }
  }

  /** The final schedule's block covering the instant, once it is on screen. */
  private Locator finalBlockAt(String instant) {
    Locator blocks = page.locator(".lane.final .block");
    int index =
        ((Number)
                blocks.evaluateAll(
                    "(els, t) => els.findIndex(e => Date.parse(e.dataset.start) <= Date.parse(t)"
                        + " && Date.parse(t) < Date.parse(e.dataset.end))",
                    instant))
            .intValue();
    return blocks.nth(index);
  }

  private void rename(Login admin, String userId, String name) {
    Api.Reply reply =
        api.patch(
            "/api/v1/users/" + userId, Map.of("name", name, "timeZone", "Europe/Berlin"), admin);
    assertEquals(200, reply.status(), reply.toString());
  }
}
