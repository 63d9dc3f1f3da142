package com.switchboard.schedule;

import java.time.Instant;
import java.time.LocalTime;
import java.util.UUID;

/**
 * Rows of the schedule tables as Jdbi reads them; {@link ScheduleStore} turns them into the model.
 */
public final class ScheduleRows {
  private ScheduleRows() {}

  public record ScheduleRow(
      UUID id,
      String name,
      String description,
      String timeZone,
      UUID teamId,
      String teamName,
      Instant createdAt,
      Instant updatedAt) {}

  public record LayerRow(
      UUID id,
      UUID scheduleId,
      int position,
      String name,
      Instant startsAt,
      Instant endsAt,
      String turnKind,
      Integer turnCount,
      String handoffDay,
      LocalTime handoffTime,
      UUID[] participants,
      String restrictions,
      UUID replacesId,
      Instant createdAt) {}

  public record OverrideRow(
      UUID id,
      UUID scheduleId,
      UUID userId,
      Instant startsAt,
      Instant endsAt,
      long sequence,
      String note,
      UUID createdBy,
      Instant createdAt) {}

  public record FeedRow(
      UUID id,
      UUID scheduleId,
      UUID userId,
      UUID createdBy,
      Instant createdAt,
      Instant revokedAt) {}
}
