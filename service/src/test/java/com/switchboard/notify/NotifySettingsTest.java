package com.switchboard.notify;

import static org.assertj.core.api.Assertions.assertThat;

import io.dropwizard.jackson.Jackson;
import io.dropwizard.jersey.validation.Validators;
import io.dropwizard.util.Duration;
import jakarta.validation.ConstraintViolation;
import jakarta.validation.Validator;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** The stale-claim window must outlast the slowest send, or a slow send is claimed twice. */
class NotifySettingsTest {
  private final Validator validator = Validators.newValidator();

  @Test
  void theDefaultsLeaveTheStaleClaimWindowLongerThanTheLongestSend() {
    NotifySettings settings = new NotifySettings();

    assertThat(validator.validate(settings)).isEmpty();
    // 3 tries × 3 × 10 s, plus waits of 0.5 s and 2 s between them.
    assertThat(settings.longestSend()).isEqualTo(java.time.Duration.ofMillis(92_500));
  }

  @Test
  void aStaleClaimWindowShorterThanTheLongestSendFailsValidationSayingWhy() {
    NotifySettings settings = new NotifySettings();
    settings.staleClaim = Duration.seconds(60);

    Set<ConstraintViolation<NotifySettings>> violations = validator.validate(settings);

    assertThat(violations)
        .extracting(ConstraintViolation::getMessage)
        .singleElement()
        .asString()
        .startsWith("staleClaim must be longer than the longest send")
        .contains("notify.staleClaim");
  }

  @Test
  void slowerProvidersOrMoreTriesNeedALongerWindow() {
    NotifySettings settings = new NotifySettings();
    settings.sendgrid.timeout = Duration.seconds(30);

    assertThat(validator.validate(settings)).hasSize(1);

    settings.staleClaim = Duration.minutes(5);
    assertThat(validator.validate(settings)).isEmpty();

    settings.attempts = 5;
    settings.firstBackoff = Duration.seconds(2);
    assertThat(validator.validate(settings)).hasSize(1);
  }

  @Test
  void theWindowIsReadFromYaml() throws Exception {
    NotifySettings settings =
        Jackson.newObjectMapper()
            .readValue("{\"staleClaim\": \"30s\", \"maxClaims\": 3}", NotifySettings.class);

    assertThat(settings.maxClaims).isEqualTo(3);
    assertThat(validator.validate(settings)).hasSize(1);
  }
}
