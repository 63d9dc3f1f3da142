package com.switchboard.web;

import static com.microsoft.playwright.assertions.PlaywrightAssertions.assertThat;

import com.microsoft.playwright.Locator;
import com.microsoft.playwright.Page;
import com.microsoft.playwright.options.AriaRole;
import com.microsoft.playwright.options.SelectOption;
import java.net.URI;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/** Sign-up, the directory (teams, services, users, API keys, audit) and bad input, in Chromium. */
class DirectoryBrowserTest extends BrowserTest {
  @Test
  void ownerSignsUpBuildsTheDirectoryInvitesAColleagueAndTheColleagueJoins() {
    page.navigate(base + "/");
    assertThat(heading("Log in")).isVisible();
    page.getByRole(AriaRole.LINK, new Page.GetByRoleOptions().setName("Create an organization"))
        .click();

    // Sign up: the new owner lands in the app (on the onboarding checklist), told the
    // organization's sign-in name; the service directory is one click away.
    assertThat(heading("Create your organization")).isVisible();
    page.getByLabel("Organization name").fill("Acme Corp");
    page.getByLabel("Your name").fill("Ann Owner");
    page.getByLabel("Work email").fill("ann@acme.test");
    page.getByLabel("Password").fill(PASSWORD);
    screenshot("signup");
    button("Create organization").click();

    // A new owner lands on the onboarding checklist.
    assertThat(heading("Get started")).isVisible();
    assertThat(page.locator(".topbar")).containsText("Acme Corp");
    assertThat(page.locator(".topbar")).containsText("Ann Owner");
    assertThat(page.getByRole(AriaRole.STATUS)).containsText("sign-in name is acme-corp");
    navLink("Service directory").click();
    assertThat(heading("Service directory")).isVisible();
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

    // A member lands on their home page.
    assertThat(heading("Hello, Bob")).isVisible();
    assertThat(page.locator(".topbar")).containsText("Bob Responder");
    assertThat(page.locator(".topbar")).containsText("Responder");
    assertThat(page.getByRole(AriaRole.STATUS))
        .containsText("Welcome to Acme Corp, Bob Responder.");
    navLink("Service directory").click();
    assertThat(heading("Service directory")).isVisible();
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

    // Bob reads the users list but cannot change anyone.
    navLink("Users").click();
    assertThat(row("ann@acme.test")).containsText("Owner");
    assertThat(page.getByRole(AriaRole.COMBOBOX)).hasCount(0);
    assertThat(button("Create invitation")).hasCount(0);
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log out")).click();

    // The owner makes Bob an admin from the users screen, then deactivates and reactivates him.
    logIn("acme-corp", "ann@acme.test");
    navLink("Users").click();
    Locator bob = row("bob@acme.test");
    assertThat(bob).containsText("Active");
    Locator bobsRole =
        page.getByRole(
            AriaRole.COMBOBOX, new Page.GetByRoleOptions().setName("Role of Bob Responder"));
    assertThat(bobsRole).hasValue("responder");
    bobsRole.selectOption("admin");
    bob.getByRole(
            AriaRole.BUTTON,
            new Locator.GetByRoleOptions().setName("Change the role of Bob Responder"))
        .click();
    assertThat(status()).containsText("Bob Responder is now Admin.");
    assertThat(bobsRole).hasValue("admin");
    page.onceDialog(dialog -> dialog.accept());
    button("Deactivate Bob Responder").click();
    assertThat(status()).containsText("Deactivated Bob Responder.");
    assertThat(bob).containsText("Deactivated");
    button("Reactivate Bob Responder").click();
    assertThat(status()).containsText("Reactivated Bob Responder.");
    assertThat(bob).containsText("Active");
    navLink("Teams").click();
    assertThat(row("Payments")).containsText("engineering");
    screenshot("teams");
    page.getByRole(AriaRole.BUTTON, new Page.GetByRoleOptions().setName("Log out")).click();

    // Bob, an admin now, sees the admin-only screens.
    logIn("acme-corp", "bob@acme.test");
    assertThat(page.locator(".topbar")).containsText("Admin");
    navLink("Audit log").click();
    assertThat(row("bob@acme.test").first()).isVisible();
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
    assertThat(heading("Get started")).isVisible();
    assertThat(page.locator(".topbar")).containsText("Gina");

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
    assertThat(heading("Hello, Gina")).isVisible();
    assertThat(page.locator(".topbar")).containsText("Globex");
  }
}
