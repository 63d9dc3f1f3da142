package com.switchboard.platform.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.Map;
import org.junit.jupiter.api.Test;

class FaultSwitchTest {
  @Test
  void readsPointsWithTheirProbabilities() {
    assertThat(FaultSwitch.parse("halt-after-claim:0.05, halt-after-send:1"))
        .isEqualTo(Map.of("halt-after-claim", 0.05, "halt-after-send", 1.0));
    assertThat(FaultSwitch.parse("")).isEmpty();
  }

  @Test
  void refusesAProbabilityOutsideZeroToOne() {
    assertThatThrownBy(() -> FaultSwitch.parse("halt-after-claim:2"))
        .hasMessageContaining("halt-after-claim:2");
    assertThatThrownBy(() -> FaultSwitch.parse("halt-after-claim"))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void doesNothingWhenTheSwitchIsAbsent() {
    FaultSwitch.point("halt-after-claim");
    FaultSwitch.point("halt-after-send");
  }
}
