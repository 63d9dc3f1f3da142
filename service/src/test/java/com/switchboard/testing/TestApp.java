package com.switchboard.testing;

import com.switchboard.SwitchboardApplication;
import com.switchboard.SwitchboardConfiguration;
import io.dropwizard.core.Application;
import io.dropwizard.testing.ConfigOverride;
import io.dropwizard.testing.DropwizardTestSupport;
import io.dropwizard.testing.ResourceHelpers;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;

/**
 * The whole service, started once per test run against {@link TestDatabase} on random ports. Tests
 * that need other settings start their own with {@link #start(ConfigOverride...)}.
 */
public final class TestApp {
  private static DropwizardTestSupport<SwitchboardConfiguration> shared;

  private TestApp() {}

  public static synchronized DropwizardTestSupport<SwitchboardConfiguration> shared() {
    if (shared == null) {
      shared = start();
      TestDatabase.beforeShutdown(shared::after);
    }
    return shared;
  }

  /** Starts a new instance; the caller stops it with {@code after()}. */
  public static DropwizardTestSupport<SwitchboardConfiguration> start(ConfigOverride... extra) {
    TestDatabase database = TestDatabase.get();
    return startOn(database.jdbcUrl(), database.user(), database.password(), extra);
  }

  /**
   * Starts a new instance on another database. Its settings are not given as overrides of the test
   * database's: two overrides of one key, restored in turn when nodes stop, left a later node on
   * the test database.
   */
  public static DropwizardTestSupport<SwitchboardConfiguration> startOn(
      String jdbcUrl, String user, String password, ConfigOverride... extra) {
    return startOn(jdbcUrl, user, password, app -> app, extra);
  }

  /** Starts a new instance on the test database, its application adjusted before it runs. */
  public static DropwizardTestSupport<SwitchboardConfiguration> start(
      UnaryOperator<SwitchboardApplication> adjust, ConfigOverride... extra) {
    TestDatabase database = TestDatabase.get();
    return startOn(database.jdbcUrl(), database.user(), database.password(), adjust, extra);
  }

  private static DropwizardTestSupport<SwitchboardConfiguration> startOn(
      String jdbcUrl,
      String user,
      String password,
      UnaryOperator<SwitchboardApplication> adjust,
      ConfigOverride... extra) {
    TestDatabase.get();
    List<ConfigOverride> overrides = new ArrayList<>();
    overrides.add(ConfigOverride.config("database.url", jdbcUrl));
    overrides.add(ConfigOverride.config("database.user", user));
    overrides.add(ConfigOverride.config("database.password", password));
    overrides.addAll(List.of(extra));
    DropwizardTestSupport<SwitchboardConfiguration> support =
        new DropwizardTestSupport<>(
            SwitchboardApplication.class,
            ResourceHelpers.resourceFilePath("test-config.yml"),
            overrides.toArray(ConfigOverride[]::new)) {
          @Override
          public Application<SwitchboardConfiguration> newApplication() {
            return adjust.apply(new SwitchboardApplication(TestClock.shared()));
          }
        };
    try {
      support.before();
    } catch (Exception e) {
      // The root cause goes in the message: CI shows a failed test's message, not its trace.
      Throwable cause = e;
      while (cause.getCause() != null) {
        cause = cause.getCause();
      }
      throw new IllegalStateException("could not start Switchboard for tests: " + cause, e);
    }
    return support;
  }

  /**
   * The shared instance's application if an earlier test started it; never starts it. A test that
   * runs its own cluster nodes uses this to keep the shared node from taking their work.
   */
  public static synchronized Optional<SwitchboardApplication> startedApplication() {
    return Optional.ofNullable(shared).map(DropwizardTestSupport::getApplication);
  }

  /** The shared instance's application, e.g. to reach its scheduler. */
  public static SwitchboardApplication application() {
    return shared().getApplication();
  }

  public static Api api() {
    return new Api("http://localhost:" + shared().getLocalPort());
  }
}
