package com.switchboard.schedule;

import static com.switchboard.platform.http.RequestRules.NOT_BLANK;

import com.fasterxml.jackson.annotation.JsonProperty;
import jakarta.validation.Valid;
import jakarta.validation.constraints.Max;
import jakarta.validation.constraints.Min;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.time.DayOfWeek;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.UUID;

/** Request bodies of the schedule endpoints. */
public final class ScheduleRequests {
  private ScheduleRequests() {}

  /** How a turn is measured; see {@link Turn}. */
  public enum TurnKind {
    @JsonProperty("hours")
    HOURS,
    @JsonProperty("days")
    DAYS,
    @JsonProperty("weeks")
    WEEKS,
    /** A weekly hand-off on {@code day} at {@code time}, e.g. Mondays 09:00. */
    @JsonProperty("weekly")
    WEEKLY;

    @Override
    public String toString() {
      return name().toLowerCase(java.util.Locale.ROOT);
    }
  }

  /** {@code count} for hours, days and weeks; {@code day} and {@code time} for weekly. */
  public record TurnInput(
      @NotNull TurnKind kind, @Min(1) @Max(8760) Integer count, DayOfWeek day, LocalTime time) {}

  /** A weekly window in the schedule's zone; it may cross midnight and the week's end. */
  public record WindowInput(
      @NotNull DayOfWeek startDay,
      @NotNull LocalTime startTime,
      @NotNull DayOfWeek endDay,
      @NotNull LocalTime endTime) {}

  /**
   * A rotation. {@code start} is when the rotation starts (turn 0 belongs to the first
   * participant); when editing a layer it is when the change takes effect (default: now).
   */
  public record LayerInput(
      @NotBlank @Size(max = 100) String name,
      Instant start,
      @NotNull @Valid TurnInput turn,
      @NotNull @Size(min = 1, max = 100) List<@NotNull UUID> participants,
      @Size(max = 50) List<@NotNull @Valid WindowInput> restrictions) {}

  public record CreateSchedule(
      @NotBlank @Size(max = 100) String name,
      @NotBlank @Size(max = 64) String timeZone,
      @Size(max = 2000) String description,
      UUID teamId,
      @NotNull @Size(min = 1, max = 20) List<@NotNull @Valid LayerInput> layers) {}

  /** Fields left null stay as they are. */
  public record UpdateSchedule(
      @Size(min = 1, max = 100) @Pattern(regexp = NOT_BLANK, message = "must not be blank")
          String name,
      @Size(max = 64) String timeZone,
      @Size(max = 2000) String description,
      UUID teamId) {}

  public record CreateOverride(
      @NotNull UUID userId,
      @NotNull Instant start,
      @NotNull Instant end,
      @Size(max = 500) String note) {}

  /** Several overrides made atomically; a shift swap is two (each takes the other's shift). */
  public record OverrideBatch(
      @NotNull @Size(min = 1, max = 50) List<@NotNull @Valid CreateOverride> overrides) {}
}
