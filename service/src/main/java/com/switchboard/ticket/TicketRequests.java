package com.switchboard.ticket;

import jakarta.validation.constraints.NotBlank;
import jakarta.validation.constraints.NotNull;
import jakarta.validation.constraints.Pattern;
import jakarta.validation.constraints.Size;
import java.util.UUID;

/** Request bodies of the customer and ticket endpoints. */
public final class TicketRequests {
  private TicketRequests() {}

  /** A tier is a tenant-defined name: "premium", "business", "standard". */
  static final String TIER_PATTERN = "[a-z0-9][a-z0-9_-]{0,39}";

  public record CreateCustomer(
      @NotBlank @Size(max = 200) String name,
      @NotNull
          @Pattern(
              regexp = TIER_PATTERN,
              message = "must be 1-40 lower-case letters, digits, - or _")
          String tier,
      @Size(min = 1, max = 255) String externalId) {}

  public record UpdateCustomer(
      @Size(min = 1, max = 200) String name,
      @Pattern(regexp = TIER_PATTERN, message = "must be 1-40 lower-case letters, digits, - or _")
          String tier,
      @Size(min = 1, max = 255) String externalId) {}

  public record Create(
      @NotBlank @Size(max = 500) String subject,
      @Size(max = 20_000) String description,
      @Size(max = 320) String requester,
      UUID customerId,
      @NotNull TicketPriority priority,
      UUID serviceId,
      UUID assigneeId,
      @Size(min = 1, max = 255) String externalId,
      @Size(max = 2_000) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL")
          String externalUrl) {}

  /** Changes the fields given; a field left out stays as it is. */
  public record Update(
      @Size(min = 1, max = 500) String subject,
      @Size(max = 20_000) String description,
      @Size(max = 320) String requester,
      UUID customerId,
      TicketPriority priority,
      UUID serviceId,
      @Size(max = 2_000) @Pattern(regexp = "https?://\\S+", message = "must be an http(s) URL")
          String externalUrl) {}

  public record ChangeStatus(@NotNull TicketStatus status) {}

  /** {@code assigneeId} null unassigns. */
  public record Assign(UUID assigneeId) {}

  public record Comment(@NotBlank @Size(max = 20_000) String body) {}
}
