package com.switchboard.incident;

import com.switchboard.paging.Urgency;
import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** Request bodies of the incident endpoints. */
public final class IncidentRequests {
  private IncidentRequests() {}

  /**
   * Triggers an incident on a service; with a {@code dedupKey} matching an open incident of the
   * service it becomes an alert on that incident instead, and pages nobody again.
   */
  public record Trigger(
      @NotNull UUID serviceId,
      @NotBlank @Size(max = 500) String title,
      @Size(max = 10_000) String details,
      @NotNull Urgency urgency,
      @Size(min = 1, max = 255) String dedupKey) {}

  /** Exactly one of {@code userId} and {@code policyId}. */
  public record Reassign(UUID userId, UUID policyId) {}

  public record AddResponders(@NotNull UUID policyId) {}

  public record Note(@NotBlank @Size(max = 10_000) String text) {}

  /** A status update for stakeholders and, through linked tickets, customers. */
  public record StatusUpdate(@NotBlank @Size(max = 5_000) String message) {}

  public record ChangeUrgency(@NotNull Urgency urgency) {}
}
