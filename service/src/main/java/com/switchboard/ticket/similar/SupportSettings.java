package com.switchboard.ticket.similar;

import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotNull;
import java.util.UUID;

/**
 * A tenant's support settings: a group of similar tickets surges when it gets {@code
 * surgeThreshold} tickets within {@code surgeWindowMinutes}; the alert goes to the people the first
 * step of {@code surgeAlertPolicyId} reaches now, or, when null, to every active member of the
 * tenant's support teams.
 */
public record SupportSettings(int surgeThreshold, int surgeWindowMinutes, UUID surgeAlertPolicyId) {
  public static final SupportSettings DEFAULTS = new SupportSettings(5, 15, null);

  /** The body of {@code PUT /support-settings}: the whole settings. */
  public record Change(
      @NotNull @Min(2) @Max(1000) Integer surgeThreshold,
      @NotNull @Min(1) @Max(1440) Integer surgeWindowMinutes,
      UUID surgeAlertPolicyId) {}
}
