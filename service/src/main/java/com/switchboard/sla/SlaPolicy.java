package com.switchboard.sla;

import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneId;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * An SLA policy: the targets of one customer tier, when they count, and who is paged at breach.
 *
 * @param businessHours null for 24x7
 * @param escalationPolicyId null when the policy it named was deleted: breaches page nobody
 */
public record SlaPolicy(
    UUID id,
    String name,
    String tier,
    List<Target> targets,
    BusinessHours businessHours,
    int warningPercent,
    UUID escalationPolicyId,
    Instant createdAt,
    Instant updatedAt) {

  /** Minutes of business time per metric for tickets of one priority; null: no such clock. */
  public record Target(
      String priority,
      int firstResponseMinutes,
      Integer nextResponseMinutes,
      Integer resolutionMinutes) {
    /** The minutes of {@code metric}, if this target has them. */
    public Optional<Integer> minutes(String metric) {
      return Optional.ofNullable(
          switch (metric) {
            case SlaMetrics.FIRST_RESPONSE -> firstResponseMinutes;
            case SlaMetrics.NEXT_RESPONSE -> nextResponseMinutes;
            case SlaMetrics.RESOLUTION -> resolutionMinutes;
            default -> throw new IllegalArgumentException("unknown metric " + metric);
          });
    }
  }

  /** Weekly wall-clock windows in a zone, minus holidays (local dates). */
  public record BusinessHours(
      String timeZone, List<BusinessCalendar.Window> windows, List<LocalDate> holidays) {
    public BusinessCalendar calendar() {
      return BusinessCalendar.of(
          ZoneId.of(timeZone), windows, new HashSet<>(holidays == null ? List.of() : holidays));
    }
  }

  public BusinessCalendar calendar() {
    return businessHours == null ? BusinessCalendar.ALWAYS : businessHours.calendar();
  }

  public Optional<Target> target(String priority) {
    return targets.stream().filter(t -> t.priority().equals(priority)).findFirst();
  }
}
