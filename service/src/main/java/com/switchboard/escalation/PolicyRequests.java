package com.switchboard.escalation;

import com.switchboard.escalation.EscalationPolicy.TargetType;
import com.switchboard.escalation.EscalationPolicy.TeamMode;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotEmpty;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.List;
import java.util.UUID;

/** Request bodies of the escalation policy endpoints. */
public final class PolicyRequests {
  private PolicyRequests() {}

  /** Creates a policy, or replaces one whole (PUT): steps are always given in full. */
  public record PolicyDefinition(
      @NotBlank @Size(max = 100) String name,
      @Size(max = 2000) String description,
      @NotNull @Min(0) @Max(9) Integer repeatCount,
      @NotNull @NotEmpty @Size(max = 20) List<@NotNull @Valid StepDefinition> steps) {}

  public record StepDefinition(
      @NotNull @Min(1) @Max(1440) Integer delayMinutes,
      @NotNull @NotEmpty @Size(max = 10) List<@NotNull @Valid TargetDefinition> targets) {}

  /** {@code teamMode} is required for a team target and refused for the others. */
  public record TargetDefinition(@NotNull TargetType type, @NotNull UUID id, TeamMode teamMode) {}

  /** Points a service at a policy; {@code null} leaves the service with none. */
  public record ServicePolicy(UUID policyId) {}
}
