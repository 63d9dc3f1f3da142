package com.switchboard.notify.twilio;

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

class TwilioSettingsTest {
  private final ObjectMapper yaml = Jackson.newObjectMapper(new YAMLFactory());
  private final Validator validator = Validators.newValidator();

  private TwilioSettings read(String text) throws Exception {
    return yaml.readValue(text, TwilioSettings.class);
  }

  private Set<String> invalidFields(TwilioSettings settings) {
    return validator.validate(settings).stream()
        .map(ConstraintViolation::getPropertyPath)
        .map(Object::toString)
        .collect(Collectors.toSet());
  }

  @Test
  void readsEveryFieldFromYaml() throws Exception {
    TwilioSettings settings =
        read(
            """
            accountSid: AC123
            authToken: secret
            fromNumber: "+15005550006"
            apiBaseUrl: http://127.0.0.1:8089
            timeout: 750ms
            """);

    assertThat(settings.accountSid).isEqualTo("AC123");
    assertThat(settings.authToken).isEqualTo("secret");
    assertThat(settings.fromNumber).isEqualTo("+15005550006");
    assertThat(settings.apiBaseUrlOrNull()).isEqualTo("http://127.0.0.1:8089");
    assertThat(settings.timeout).isEqualTo(Duration.milliseconds(750));
    assertThat(settings.isConfigured()).isTrue();
    assertThat(invalidFields(settings)).isEmpty();
  }

  @Test
  void anEmptySectionIsValidButNotConfiguredAndWaitsTenSeconds() throws Exception {
    TwilioSettings settings = read("{}");

    assertThat(settings.isConfigured()).isFalse();
    assertThat(settings.timeout).isEqualTo(Duration.seconds(10));
    assertThat(settings.apiBaseUrlOrNull()).isNull();
    assertThat(invalidFields(settings)).isEmpty();
  }

  @Test
  void blankValuesFromUnsetEnvironmentVariablesLeaveTwilioOff() throws Exception {
    TwilioSettings settings =
        read("accountSid: AC123\nauthToken: ' '\nfromNumber: ''\napiBaseUrl: ''\n");

    assertThat(settings.isConfigured()).isFalse();
    assertThat(settings.apiBaseUrlOrNull()).isNull();
    assertThat(invalidFields(settings)).isEmpty();
  }

  @Test
  void rejectsANumberNotInE164AndABaseUrlWithAQuery() throws Exception {
    TwilioSettings settings =
        read("fromNumber: '555-1234'\napiBaseUrl: 'http://127.0.0.1:8089/?x=1'\ntimeout: 0ms\n");

    assertThat(invalidFields(settings))
        .containsExactlyInAnyOrder("fromNumber", "apiBaseUrl", "timeout");
  }

  @Test
  void aTrailingSlashOnTheBaseUrlIsDropped() throws Exception {
    assertThat(read("apiBaseUrl: 'http://localhost:9000/'").apiBaseUrlOrNull())
        .isEqualTo("http://localhost:9000");
  }

  @Test
  void withoutABaseUrlTheClientUsesTwiliosOwnTransportMakingOneAttempt() throws Exception {
    TwilioSettings settings = read("accountSid: AC1\nauthToken: t\nfromNumber: '+15005550006'\n");

    assertThat(TwilioClients.create(settings).getHttpClient())
        .isInstanceOf(TwilioClients.SingleAttemptNetworkHttpClient.class);
  }

  @Test
  void aClientForUnconfiguredSettingsIsRefused() throws Exception {
    assertThatThrownBy(() -> TwilioClients.create(read("accountSid: AC1")))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
