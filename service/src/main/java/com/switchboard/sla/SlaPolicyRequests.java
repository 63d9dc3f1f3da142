package com.switchboard.sla;

import com.switchboard.schedule.ScheduleRequests.WindowInput;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.LocalDate;
import java.util.List;
import java.util.UUID;

/** Request bodies of the SLA policy endpoints. */
public final class SlaPolicyRequests {
  /** The longest target: a year, in minutes. */
  static final int MAX_MINUTES = 365 * 24 * 60;

  private SlaPolicyRequests() {}

  /** Creates a policy, or replaces one whole (PUT). */
  public record SlaPolicyDefinition(
      @NotBlank @Size(max = 100) String name,
      @NotBlank @Size(max = 50) String tier,
      @NotNull @Size(min = 1, max = 4) List<@NotNull @Valid TargetInput> targets,
      @Valid BusinessHoursInput businessHours,
      @Min(1) @Max(99) Integer warningPercent,
      @NotNull UUID escalationPolicyId) {}

  public record TargetInput(
      @NotNull
          @Pattern(
              regexp = "urgent|high|normal|low",
              message = "must be urgent, high, normal or low")
          String priority,
      @NotNull @Min(1) @Max(MAX_MINUTES) Integer firstResponseMinutes,
      @Min(1) @Max(MAX_MINUTES) Integer nextResponseMinutes,
      @Min(1) @Max(MAX_MINUTES) Integer resolutionMinutes) {}

  /** Windows as on schedules and support hours; holidays are local dates ("2026-12-25"). */
  public record BusinessHoursInput(
      @NotBlank @Size(max = 64) String timeZone,
      @NotNull @Size(min = 1, max = 50) List<@NotNull @Valid WindowInput> windows,
      @Size(max = 400) List<@NotNull LocalDate> holidays) {}
}
