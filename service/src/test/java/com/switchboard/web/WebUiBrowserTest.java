package com.switchboard.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.fail;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.LocatorAssertions;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import com.switchboard.testing.Api;
import com.switchboard.testing.Api.Login;
import com.switchboard.testing.Paging;
import com.switchboard.testing.TestApp;
import com.switchboard.testing.TestDatabase;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInfo;

/**
 * Drives the web UI that the service jar serves, in Debian's headless Chromium through Playwright,
 * as a person would: every step clicks and types, every check reads what is on the screen.
 * Screenshots of the main screens land in {@code target/web-ui-screenshots}.
 */
class WebUiBrowserTest {
  /** Debian's Chromium; Playwright's own browser download cannot work on a closed network. */
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  private static final Path SCREENSHOTS = Path.of("target", "web-ui-screenshots");
  private static final String PASSWORD = Api.PASSWORD;

  private static Playwright playwright;
  private static Browser browser;

  private final String base = "http://localhost:" + TestApp.shared().getLocalPort();
  private BrowserContext context;
  private Page page;

  @BeforeAll
  static void launchChromium() {
    if (!Files.isExecutable(CHROMIUM)) {
      fail(
          "The browser test needs Chromium at "
              + CHROMIUM
              + ". Install it with `apt-get install -y chromium` (.ci/run does this).");
    }
    playwright =
        Playwright.create(
            new Playwright.CreateOptions().setEnv(Map.of("PLAYWRIGHT_SKIP_BROWSER_DOWNLOAD", "1")));
    browser =
        playwright
            .chromium()
            .launch(
                new BrowserType.LaunchOptions()
                    .setExecutablePath(CHROMIUM)
                    .setHeadless(true)
                    .setArgs(
                        List.of(
                            "--no-sandbox",
                            "--disable-gpu",
                            "--disable-background-networking",
                            "--no-first-run",
                            "--disable-component-update",
                            "--disable-sync")));
    PlaywrightAssertions.setDefaultAssertionTimeout(15_000);
  }

  @AfterAll
  static void closeChromium() {
    if (browser != null) {
      browser.close();
    }
    if (playwright != null) {
      playwright.close();
    }
  }

  @BeforeEach
  void freshDatabaseAndBrowser() {
    TestDatabase.get().truncateAll();
    context =
        browser.newContext(
            new Browser.NewContextOptions()
                .setViewportSize(1280, 900)
                .setTimezoneId("Europe/Berlin"));
    page = context.newPage();
    page.setDefaultTimeout(15_000);
    // Script errors would otherwise be invisible: they go to the test's output file.
    page.onPageError(error -> System.err.println("[browser] uncaught: " + error));
    page.onConsoleMessage(
        message -> {
          if ("error".equals(message.type())) {
            System.err.println("[browser] console error: " + message.text());
          }
        });
  }

  @AfterEach
  void closeBrowserContext(TestInfo test) {
    if (context != null) {
      // The screen as the test left it, which after a failure shows what was there instead.
      screenshot("last-" + test.getTestMethod().map(m -> m.getName()).orElse("test"));
      context.close();
    }
  }

  @Test
  void ownerSignsUpBuildsTheDirectoryInvitesAColleagueAndTheColleagueJoins() {
    page.navigate(base + "/");
    assertThat(heading("Log in")).isVisible();
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Create an organization"))
        .click();

    // Sign up: the new owner lands in the app, told the organization's sign-in name.
    assertThat(heading("Create your organization")).isVisible();
    page.getByLabel("Organization name").fill("Acme Corp");
    page.getByLabel("Your name").fill("Ann Owner");
    page.getByLabel("Work email").fill("ann@acme.test");
    page.getByLabel("Password").fill(PASSWORD);
    screenshot("signup");
    button("Create organization").click();

    assertThat(heading("Service directory")).isVisible();
    assertThat(page.locator(".topbar")).containsText("Acme Corp");
    assertThat(page.locator(".topbar")).containsText("Ann Owner");
    assertThat(page.getByRole(AriaRole.STATUS)).containsText("sign-in name is acme-corp");
    assertThat(page.getByText("No services yet.")).isVisible();

    // A team, then its page, where the owner joins it.
    navLink("Teams").click();
    assertThat(heading("Teams")).isVisible();
    page.getByLabel("Team name").fill("Payments");
    page.getByLabel("Kind").selectOption("engineering");
    page.getByLabel("Description").fill("Card payments and payouts");
    button("Create team").click();

    assertThat(heading("Payments")).isVisible();
    assertThat(page.getByText("Card payments and payouts")).isVisible();
    assertThat(heading("Members (0)")).isVisible();
    page.getByRole(AriaRole.COMBOBOX, new Page.GetByRoleOptions().setName("Add a member"))
        .selectOption(new SelectOption().setLabel("Ann Owner (ann@acme.test)"));
    button("Add member").click();
    assertThat(heading("Members (1)")).isVisible();
    assertThat(
            page.getByRole(AriaRole.LISTITEM)
                .filter(new Locator.FilterOptions().setHasText("Ann Owner")))
        .isVisible();

    // A service owned by the team.
    navLink("Service directory").click();
    assertThat(heading("Add a service")).isVisible();
    page.getByLabel("Service name").fill("Checkout API");
    page.getByLabel("Description").fill("Takes card payments at checkout");
    page.getByLabel("Owning team")
        .selectOption(new SelectOption().setLabel("Payments (engineering)"));
    button("Add service").click();
    assertThat(page.getByRole(AriaRole.STATUS))
        .containsText("Added Checkout API, owned by Payments.");

    // Who owns…? A search that misses, then one that finds the service by its description.
    Locator search = page.getByLabel("Who owns…?");
    search.fill("billing");
    assertThat(page.getByText("No service matches “billing”.")).isVisible();
    search.fill("card payments");
    Locator checkout = row("Checkout API");
    assertThat(checkout).containsText("Takes card payments at checkout");
    assertThat(checkout).containsText("Payments");
    assertThat(page).hasURL(Pattern.compile("/services\\?q=card%20payments$"));
    screenshot("service-directory");

    // The owning team's page lists the service.
    checkout.getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName("Payments")).click();
    assertThat(heading("Owned services (1)")).isVisible();
    assertThat(page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Checkout API")))
        .isVisible();
    screenshot("team");

    // Invite a colleague: the accept link is shown once.
    navLink("Users").click();
    assertThat(heading("Users")).isVisible();
    page.getByLabel("Email", new Page.GetByLabelOptions().setExact(true)).fill("bob@acme.test");
    page.getByLabel("Role", new Page.GetByLabelOptions().setExact(true)).selectOption("responder");
    button("Create invitation").click();
    assertThat(page.getByText("Invitation for bob@acme.test")).isVisible();
    Locator acceptLink = page.getByLabel("Accept link");
    assertThat(acceptLink).hasValue(Pattern.compile("/accept-invitation\\?token=\\S+$"));
    String acceptUrl = acceptLink.inputValue();
    assertThat(heading("Pending invitations (1)")).isVisible();
    screenshot("users");

    // The owner's other screens: an API key (token shown once) and the audit log.
    navLink("API keys").click();
    page.getByLabel("Name", new Page.GetByLabelOptions().setExact(true)).fill("Monitoring webhook");
    button("Create key").click();
    assertThat(page.getByLabel("Token", new Page.GetByLabelOptions().setExact(true)))
        .hasValue(Pattern.compile("^sbk"));
    assertThat(row("Monitoring webhook")).containsText("Active");
    screenshot("api-keys");

    navLink("Audit log").click();
    assertThat(heading("Audit log")).isVisible();
    assertThat(row("invited bob@acme.test as responder")).containsText("ann@acme.test");
    assertThat(page.getByText("created organization Acme Corp")).isVisible();
    screenshot("audit-log");

    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log out")).click();
    assertThat(heading("Log in")).isVisible();

    // The colleague opens the link (on this server: the test config's publicUrl names another
    // port), picks a name and password, and is signed in as themselves.
    URI link = URI.create(acceptUrl);
    page.navigate(base + link.getRawPath() + "?" + link.getRawQuery());
    assertThat(heading("Join your team")).isVisible();
    page.getByLabel("Your name").fill("Bob Responder");
    page.getByLabel("Password").fill(PASSWORD);
    button("Join").click();

    assertThat(heading("Service directory")).isVisible();
    assertThat(page.locator(".topbar")).containsText("Bob Responder");
    assertThat(page.locator(".topbar")).containsText("Responder");
    assertThat(page.getByRole(AriaRole.STATUS))
        .containsText("Welcome to Acme Corp, Bob Responder.");
    assertThat(row("Checkout API")).containsText("Payments");

    // A responder reads but cannot change: no admin forms, no admin-only pages.
    assertThat(heading("Add a service")).hasCount(0);
    assertThat(navLink("API keys")).hasCount(0);
    assertThat(navLink("Audit log")).hasCount(0);

    // The session and the client-side route survive a reload.
    navLink("Teams").click();
    page.reload();
    assertThat(heading("Teams")).isVisible();
    assertThat(row("Payments")).containsText("engineering");
    assertThat(heading("Create a team")).hasCount(0);
    assertThat(page.locator(".topbar")).containsText("Bob Responder");
  }

  @Test
  void badInputShowsTheApiErrorsBesideTheFields() {
    page.navigate(base + "/signup");
    page.getByLabel("Organization name").fill("Globex");
    page.getByLabel("Your name").fill("Gina");
    page.getByLabel("Work email").fill("gina@globex.test");
    page.getByLabel("Password").fill("short");
    button("Create organization").click();

    Locator password = page.getByLabel("Password");
    assertThat(password).hasAttribute("aria-invalid", "true");
    assertThat(password)
        .hasAccessibleDescription(Pattern.compile("Size must be between 10 and 200"));
    assertThat(page.getByRole(AriaRole.ALERT))
        .containsText("Password size must be between 10 and 200");
    assertThat(heading("Create your organization")).isVisible();
    screenshot("signup-error");

    // With a long enough password the same form goes through.
    password.fill(PASSWORD);
    button("Create organization").click();
    assertThat(heading("Service directory")).isVisible();

    // A wrong password at login says so, without saying which part was wrong.
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log out")).click();
    page.getByLabel("Organization").fill("globex");
    page.getByLabel("Email").fill("gina@globex.test");
    page.getByLabel("Password").fill("not the password");
    button("Log in").click();
    assertThat(page.getByRole(AriaRole.ALERT))
        .containsText("Wrong organization, email or password");
    assertThat(heading("Log in")).isVisible();

    page.getByLabel("Password").fill(PASSWORD);
    button("Log in").click();
    assertThat(heading("Service directory")).isVisible();
    assertThat(page.locator(".topbar")).containsText("Globex");
  }

  @Test
  void anAdminTriggersAnIncidentIsPagedAcknowledgesAndResolvesIt() {
    page.navigate(base + "/signup");
    page.getByLabel("Organization name").fill("Initech");
    page.getByLabel("Your name").fill("Ivy Admin");
    page.getByLabel("Work email").fill("ivy@initech.test");
    page.getByLabel("Password").fill(PASSWORD);
    button("Create organization").click();
    assertThat(heading("Service directory")).isVisible();
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

  private Locator heading(String name) {
    return page.getByRole(
        AriaRole.HEADING, new Page.GetByRoleOptions().setName(name).setExact(false));
  }

  private Locator button(String name) {
    return page.getByRole(
        AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
  }

  private Locator navLink(String name) {
    return page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
        .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(name).setExact(true));
  }

  private Locator row(String text) {
    return page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(text));
  }

  private void screenshot(String name) {
    page.screenshot(
        new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
  }
}
