package com.switchboard.user;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.switchboard.platform.errors.FieldError;
import com.switchboard.platform.errors.ValidationException;
import org.junit.jupiter.api.Test;

class TimeZonesTest {
  @Test
  void ianaRegionIdsAreAccepted() {
    for (String zone :
        new String[] {"UTC", "America/New_York", "Europe/Berlin", "Asia/Kolkata", "Etc/GMT+5"}) {
      assertThat(TimeZones.require("timeZone", zone)).isEqualTo(zone);
    }
  }

  @Test
  void offsetsAbbreviationsAndUnknownNamesAreRejected() {
    for (String zone :
        new String[] {
          "+02:00", "Z", "PST", "EST", "GMT+5", "america/new_york", "Mars/Olympus", ""
        }) {
      assertThatThrownBy(() -> TimeZones.require("timeZone", zone))
          .as(zone)
          .isInstanceOf(ValidationException.class);
    }
  }

  @Test
  void aMissingZoneIsRejected() {
    assertThatThrownBy(() -> TimeZones.require("timeZone", null))
        .isInstanceOf(ValidationException.class);
  }

  @Test
  void theErrorNamesTheFieldItWasGiven() {
    ValidationException error = null;
    try {
      TimeZones.require("profile.zone", "Nowhere");
    } catch (ValidationException e) {
      error = e;
    }

    assertThat(error).isNotNull();
    assertThat(error.status()).isEqualTo(422);
    assertThat(error.toBody().error().fields())
        .extracting(FieldError::field)
        .containsExactly("profile.zone");
    assertThat(error.getMessage()).contains("IANA");
  }
}
