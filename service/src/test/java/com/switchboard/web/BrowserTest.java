package com.switchboard.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.fail;

import com.microsoft.playwright.Browser;
import com.microsoft.playwright.BrowserContext;
import com.microsoft.playwright.BrowserType;
import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.Playwright;
import com.microsoft.playwright.assertions.PlaywrightAssertions;
import com.microsoft.playwright.options.AriaRole;
import com.switchboard.testing.Api;
import com.switchboard.testing.TestApp;
import com.switchboard.testing.TestDatabase;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.TestInfo;

/**
 * The web UI that the service jar serves, driven in Debian's headless Chromium through Playwright
 * as a person would: every step clicks and types, every check reads what is on the screen. Each
 * test gets an empty database and a fresh browser context (Europe/Berlin, 1280×900). Screenshots
 * land in {@code target/web-ui-screenshots}. A test fails when the page threw or logged a console
 * error other than a refused request (a 4xx the screen handles).
 */
abstract class BrowserTest {
  /** Debian's Chromium; Playwright's own browser download cannot work on a closed network. */
  private static final Path CHROMIUM = Path.of("/usr/bin/chromium");

  static final Path SCREENSHOTS = Path.of("target", "web-ui-screenshots");
  static final String PASSWORD = Api.PASSWORD;

  /** Console errors the browser logs for a refused request; screens handle those themselves. */
  private static final Pattern REFUSED_REQUEST =
      Pattern.compile("Failed to load resource: the server responded with a status of 4\\d\\d.*");

  private static Playwright playwright;
  static Browser browser;

  String base = "http://localhost:" + TestApp.shared().getLocalPort();
  BrowserContext context;
  Page page;
  private final List<String> browserErrors = new ArrayList<>();

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

  /** Closed after each class: Playwright's threads would otherwise hold the test JVM open. */
  @AfterAll
  static void closeChromium() {
    if (browser != null) {
      browser.close();
      browser = null;
    }
    if (playwright != null) {
      playwright.close();
      playwright = null;
    }
  }

  @BeforeEach
  void freshDatabaseAndBrowser() {
    TestDatabase.get().truncateAll();
    context = newContext(1280, 900);
    page = newPage(context);
  }

  /** A fresh browser context (its own cookies) at a viewport size, in Europe/Berlin. */
  BrowserContext newContext(int width, int height) {
    return browser.newContext(
        new Browser.NewContextOptions()
            .setViewportSize(width, height)
            .setTimezoneId("Europe/Berlin"));
  }

  /** A page whose script errors and console errors are collected and fail the test. */
  Page newPage(BrowserContext in) {
    Page created = in.newPage();
    created.setDefaultTimeout(15_000);
    created.onPageError(
        error -> {
          System.err.println("[browser] uncaught: " + error);
          browserErrors.add("uncaught: " + error);
        });
    created.onConsoleMessage(
        message -> {
          if ("error".equals(message.type())
              && !REFUSED_REQUEST.matcher(message.text()).matches()) {
            System.err.println("[browser] console error: " + message.text());
            browserErrors.add("console error: " + message.text());
          }
        });
    return created;
  }

  @AfterEach
  void closeBrowserContext(TestInfo test) {
    if (context != null) {
      // The screen as the test left it, which after a failure shows what was there instead.
      screenshot("last-" + test.getTestMethod().map(m -> m.getName()).orElse("test"));
      context.close();
    }
    assertEquals(List.of(), browserErrors, "the page logged errors");
  }

  /** Signs up a new organization through the form; the owner lands in the app. */
  void signUp(String organization, String name, String email) {
    page.navigate(base + "/signup");
    page.getByLabel("Organization name").fill(organization);
    page.getByLabel("Your name").fill(name);
    page.getByLabel("Work email").fill(email);
    page.getByLabel("Password").fill(PASSWORD);
    button("Create organization").click();
    assertThat(page.locator(".topbar")).containsText(name);
  }

  /** Logs in through the form with the tests' password. */
  void logIn(String tenant, String email) {
    logIn(tenant, email, PASSWORD);
  }

  /** Logs in through the form. */
  void logIn(String tenant, String email, String password) {
    page.navigate(base + "/login");
    page.getByLabel("Organization").fill(tenant);
    page.getByLabel("Email").fill(email);
    page.getByLabel("Password").fill(password);
    button("Log in").click();
    assertThat(page.locator(".topbar")).isVisible();
  }

  /** The page's horizontal overflow in CSS pixels (0 when nothing scrolls sideways). */
  int horizontalOverflow() {
    return ((Number)
            page.evaluate(
                "() => document.documentElement.scrollWidth - document.documentElement.clientWidth"))
        .intValue();
  }

  Locator heading(String name) {
    return page.getByRole(
        AriaRole.HEADING, new Page.GetByRoleOptions().setName(name).setExact(false));
  }

  Locator button(String name) {
    return page.getByRole(
        AriaRole.BUTTON, new Page.GetByRoleOptions().setName(name).setExact(true));
  }

  Locator link(String name) {
    return page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName(name).setExact(true));
  }

  Locator navLink(String name) {
    return page.getByRole(AriaRole.NAVIGATION, new Page.GetByRoleOptions().setName("Main"))
        .getByRole(AriaRole.LINK, new Locator.GetByRoleOptions().setName(name).setExact(true));
  }

  Locator row(String text) {
    return page.getByRole(AriaRole.ROW).filter(new Locator.FilterOptions().setHasText(text));
  }

  Locator status() {
    return page.getByRole(AriaRole.STATUS);
  }

  void screenshot(String name) {
    page.screenshot(
        new Page.ScreenshotOptions().setPath(SCREENSHOTS.resolve(name + ".png")).setFullPage(true));
  }
}
