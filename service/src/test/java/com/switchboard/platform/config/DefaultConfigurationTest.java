package com.switchboard.platform.config;

import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.switchboard.SwitchboardApplication;
import com.switchboard.SwitchboardConfiguration;
import io.dropwizard.configuration.ConfigurationFactory;
import io.dropwizard.configuration.ConfigurationValidationException;
import io.dropwizard.core.setup.Bootstrap;
import org.junit.jupiter.api.Test;

/**
 * {@code java -jar switchboard.jar server} with no file builds Dropwizard's default configuration:
 * the configuration object written to a tree and read back, then validated. A getter that is not a
 * setting (a {@code @ValidationMethod}'s {@code isX()}) must be {@code @JsonIgnore}d, or the read
 * fails with "Unrecognized field" instead of saying what is missing.
 */
class DefaultConfigurationTest {
  @Test
  void theDefaultConfigurationReadsBackAndOnlyLacksTheDatabase() {
    SwitchboardApplication application = new SwitchboardApplication();
    Bootstrap<SwitchboardConfiguration> bootstrap = new Bootstrap<>(application);
    application.initialize(bootstrap);
    ConfigurationFactory<SwitchboardConfiguration> factory =
        bootstrap
            .getConfigurationFactoryFactory()
            .create(
                SwitchboardConfiguration.class,
                bootstrap.getValidatorFactory().getValidator(),
                bootstrap.getObjectMapper(),
                // Not "dw": other tests in this JVM set dw.* system properties, which would apply.
                "default-configuration-test");

    // The bare jar (no arguments) runs the bundled file, which sets it.
    assertThatThrownBy(factory::build)
        .isInstanceOf(ConfigurationValidationException.class)
        .hasMessage("default configuration has an error:\n  * database.url must not be empty\n");
  }
}
