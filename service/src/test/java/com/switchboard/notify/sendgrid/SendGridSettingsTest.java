package com.switchboard.notify.sendgrid;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLFactory;
import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.dropwizard.util.Duration;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;

class SendGridSettingsTest {
  private final ObjectMapper yaml = Jackson.newObjectMapper(new YAMLFactory());
  private final Validator validator = Validators.newValidator();

  private SendGridSettings read(String text) throws Exception {
    return yaml.readValue(text, SendGridSettings.class);
  }

  private Set<String> invalidFields(SendGridSettings settings) {
    return validator.validate(settings).stream()
        .map(ConstraintViolation::getPropertyPath)
        .map(Object::toString)
        .collect(Collectors.toSet());
  }

  @Test
  void readsEveryFieldFromYaml() throws Exception {
    SendGridSettings settings =
        read(
            """
            apiKey: SG.abc
            fromAddress: alerts@switchboard.example
            fromName: Acme On-Call
            host: 127.0.0.1:8089
            timeout: 2s
            """);

    assertThat(settings.isConfigured()).isTrue();
    assertThat(settings.fromName).isEqualTo("Acme On-Call");
    assertThat(settings.hostOrNull()).isEqualTo("127.0.0.1:8089");
    assertThat(settings.timeout).isEqualTo(Duration.seconds(2));
    assertThat(invalidFields(settings)).isEmpty();
  }

  @Test
  void anEmptySectionIsValidButNotConfigured() throws Exception {
    SendGridSettings settings = read("apiKey: ''\nhost: ''\n");

    assertThat(settings.isConfigured()).isFalse();
    assertThat(settings.fromName).isEqualTo("Switchboard");
    assertThat(settings.timeout).isEqualTo(Duration.seconds(10));
    assertThat(settings.hostOrNull()).isNull();
    assertThat(invalidFields(settings)).isEmpty();
  }

  @Test
  void rejectsAHostWithASchemeAndAnAddressThatIsNotOne() throws Exception {
    SendGridSettings settings = read("host: 'http://127.0.0.1:8089'\nfromAddress: nobody\n");

    assertThat(invalidFields(settings)).containsExactlyInAnyOrder("host", "fromAddress");
  }

  @Test
  void aProviderForUnconfiguredSettingsIsRefused() {
    assertThatThrownBy(() -> new SendGridEmailProvider(read("apiKey: SG.abc")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
