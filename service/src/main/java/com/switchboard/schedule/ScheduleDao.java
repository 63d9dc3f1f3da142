package com.switchboard.schedule;

import com.switchboard.schedule.ScheduleRows.FeedRow;
import com.switchboard.schedule.ScheduleRows.LayerRow;
import com.switchboard.schedule.ScheduleRows.OverrideRow;
import com.switchboard.schedule.ScheduleRows.ScheduleRow;
import com.switchboard.tenant.TenantId;
import com.switchboard.user.UserId;
import java.time.Instant;
import java.time.LocalTime;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindList;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(ScheduleRow.class)
@RegisterConstructorMapper(LayerRow.class)
@RegisterConstructorMapper(OverrideRow.class)
@RegisterConstructorMapper(FeedRow.class)
public interface ScheduleDao {
  String SCHEDULES =
      "SELECT s.id, s.name, s.description, s.time_zone, s.team_id, t.name AS team_name,"
          + " s.created_at, s.updated_at FROM schedules s"
          + " LEFT JOIN teams t ON t.tenant_id = s.tenant_id AND t.id = s.team_id"
          + " WHERE s.tenant_id = :tenantId";
  String LAYERS =
      "SELECT id, schedule_id, position, name, starts_at, ends_at, turn_kind, turn_count,"
          + " handoff_day, handoff_time, participants, restrictions::text AS restrictions,"
          + " replaces_id, created_at FROM schedule_layers WHERE tenant_id = :tenantId";
  String OVERRIDES =
      "SELECT id, schedule_id, user_id, starts_at, ends_at, sequence, note, created_by, created_at"
          + " FROM schedule_overrides WHERE tenant_id = :tenantId";

  // --- schedules ---

  @SqlUpdate(
      "INSERT INTO schedules (tenant_id, id, name, description, time_zone, team_id, created_at, updated_at)"
          + " VALUES (:tenantId, :id, :name, :description, :timeZone, :teamId, :now, :now)")
  void insertSchedule(
      TenantId tenantId,
      UUID id,
      String name,
      String description,
      String timeZone,
      UUID teamId,
      Instant now);

  @SqlQuery(SCHEDULES + " AND s.id = :id")
  Optional<ScheduleRow> findSchedule(TenantId tenantId, UUID id);

  /** Locks the schedule row so concurrent layer edits of one schedule run one after another. */
  @SqlQuery("SELECT id FROM schedules WHERE tenant_id = :tenantId AND id = :id FOR UPDATE")
  Optional<UUID> lockSchedule(TenantId tenantId, UUID id);

  @SqlQuery(SCHEDULES + " ORDER BY lower(s.name), s.id")
  List<ScheduleRow> listSchedules(TenantId tenantId);

  @SqlQuery(SCHEDULES + " AND s.team_id = :teamId ORDER BY lower(s.name), s.id")
  List<ScheduleRow> listSchedulesOfTeam(TenantId tenantId, UUID teamId);

  @SqlUpdate(
      "UPDATE schedules SET name = :name, description = :description, time_zone = :timeZone,"
          + " team_id = :teamId, updated_at = :now WHERE tenant_id = :tenantId AND id = :id")
  void updateSchedule(
      TenantId tenantId,
      UUID id,
      String name,
      String description,
      String timeZone,
      UUID teamId,
      Instant now);

  @SqlUpdate("UPDATE schedules SET updated_at = :now WHERE tenant_id = :tenantId AND id = :id")
  void touchSchedule(TenantId tenantId, UUID id, Instant now);

  @SqlUpdate("DELETE FROM schedules WHERE tenant_id = :tenantId AND id = :id")
  void deleteSchedule(TenantId tenantId, UUID id);

  // --- layers ---

  @SqlUpdate(
      "INSERT INTO schedule_layers (tenant_id, id, schedule_id, position, name, starts_at, ends_at,"
          + " turn_kind, turn_count, handoff_day, handoff_time, participants, restrictions,"
          + " replaces_id, created_at) VALUES (:tenantId, :id, :scheduleId, :position, :name,"
          + " :startsAt, :endsAt, :turnKind, :turnCount, :handoffDay, :handoffTime, :participants,"
          + " CAST(:restrictions AS jsonb), :replacesId, :now)")
  void insertLayer(
      TenantId tenantId,
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
      Instant now);

  @SqlQuery(LAYERS + " AND schedule_id = :scheduleId ORDER BY position, starts_at, id")
  List<LayerRow> layersOf(TenantId tenantId, UUID scheduleId);

  /** The layer versions of one schedule in force at some point of [from, to). */
  @SqlQuery(
      LAYERS
          + " AND schedule_id = :scheduleId AND starts_at < :to AND (ends_at IS NULL OR ends_at > :from)"
          + " ORDER BY position, starts_at, id")
  List<LayerRow> layersOverlapping(TenantId tenantId, UUID scheduleId, Instant from, Instant to);

  /** Every layer version of the tenant in force at {@code at}: the tenant-wide "who is on call". */
  @SqlQuery(LAYERS + " AND starts_at <= :at AND (ends_at IS NULL OR ends_at > :at)")
  List<LayerRow> layersInForceAt(TenantId tenantId, Instant at);

  /** Layer versions of the given schedules in force at {@code at} (a filtered "who is on call"). */
  @SqlQuery(
      LAYERS
          + " AND schedule_id IN (<scheduleIds>) AND starts_at <= :at AND (ends_at IS NULL OR ends_at > :at)")
  List<LayerRow> layersOfSchedulesInForceAt(
      TenantId tenantId, @BindList("scheduleIds") List<UUID> scheduleIds, Instant at);

  /** Layer versions of the given schedules in force at some point of [from, to). */
  @SqlQuery(
      LAYERS
          + " AND schedule_id IN (<scheduleIds>) AND starts_at < :to AND (ends_at IS NULL OR ends_at > :from)"
          + " ORDER BY schedule_id, position, starts_at, id")
  List<LayerRow> layersOfSchedulesOverlapping(
      TenantId tenantId, @BindList("scheduleIds") List<UUID> scheduleIds, Instant from, Instant to);

  @SqlQuery(
      "SELECT COALESCE(max(position) + 1, 0) FROM schedule_layers WHERE tenant_id = :tenantId AND schedule_id = :scheduleId")
  int nextLayerPosition(TenantId tenantId, UUID scheduleId);

  @SqlUpdate("UPDATE schedule_layers SET ends_at = :at WHERE tenant_id = :tenantId AND id = :id")
  void endLayer(TenantId tenantId, UUID id, Instant at);

  @SqlUpdate("DELETE FROM schedule_layers WHERE tenant_id = :tenantId AND id = :id")
  void deleteLayer(TenantId tenantId, UUID id);

  // --- overrides ---

  @SqlUpdate(
      "INSERT INTO schedule_overrides (tenant_id, id, schedule_id, user_id, starts_at, ends_at, note,"
          + " created_by, created_at) VALUES (:tenantId, :id, :scheduleId, :userId, :startsAt, :endsAt,"
          + " :note, :createdBy, :now)")
  void insertOverride(
      TenantId tenantId,
      UUID id,
      UUID scheduleId,
      UserId userId,
      Instant startsAt,
      Instant endsAt,
      String note,
      UserId createdBy,
      Instant now);

  @SqlQuery(
      OVERRIDES
          + " AND schedule_id = :scheduleId AND starts_at < :to AND ends_at > :from"
          + " ORDER BY starts_at, sequence")
  List<OverrideRow> overridesOverlapping(
      TenantId tenantId, UUID scheduleId, Instant from, Instant to);

  @SqlQuery(OVERRIDES + " AND starts_at <= :at AND ends_at > :at")
  List<OverrideRow> overridesInForceAt(TenantId tenantId, Instant at);

  @SqlQuery(
      OVERRIDES + " AND schedule_id IN (<scheduleIds>) AND starts_at <= :at AND ends_at > :at")
  List<OverrideRow> overridesOfSchedulesInForceAt(
      TenantId tenantId, @BindList("scheduleIds") List<UUID> scheduleIds, Instant at);

  @SqlQuery(
      OVERRIDES
          + " AND schedule_id IN (<scheduleIds>) AND starts_at < :to AND ends_at > :from"
          + " ORDER BY schedule_id, sequence")
  List<OverrideRow> overridesOfSchedulesOverlapping(
      TenantId tenantId, @BindList("scheduleIds") List<UUID> scheduleIds, Instant from, Instant to);

  @SqlQuery(OVERRIDES + " AND schedule_id = :scheduleId AND id = :id")
  Optional<OverrideRow> findOverride(TenantId tenantId, UUID scheduleId, UUID id);

  @SqlUpdate("DELETE FROM schedule_overrides WHERE tenant_id = :tenantId AND id = :id")
  void deleteOverride(TenantId tenantId, UUID id);

  /**
   * Schedules in which the user takes part: as a layer participant now or later, or by override.
   */
  @SqlQuery(
      "SELECT DISTINCT schedule_id FROM schedule_layers WHERE tenant_id = :tenantId"
          + " AND :userId = ANY (participants) AND (ends_at IS NULL OR ends_at > :from)"
          + " UNION SELECT DISTINCT schedule_id FROM schedule_overrides WHERE tenant_id = :tenantId"
          + " AND user_id = :userId AND ends_at > :from")
  List<UUID> schedulesInvolving(TenantId tenantId, UUID userId, Instant from);

  // --- calendar feeds ---

  @SqlUpdate(
      "INSERT INTO calendar_feeds (tenant_id, id, schedule_id, user_id, token_hash, created_by, created_at)"
          + " VALUES (:tenantId, :id, :scheduleId, :userId, :tokenHash, :createdBy, :now)")
  void insertFeed(
      TenantId tenantId,
      UUID id,
      UUID scheduleId,
      UUID userId,
      byte[] tokenHash,
      UserId createdBy,
      Instant now);

  /**
   * A feed that is not revoked and whose creator and user (for a personal feed) are active. The
   * user check also covers feeds of users deactivated before deactivation revoked their feeds.
   */
  @SqlQuery(
      "SELECT f.id, f.schedule_id, f.user_id, f.created_by, f.created_at, f.revoked_at"
          + " FROM calendar_feeds f"
          + " WHERE f.tenant_id = :tenantId AND f.token_hash = :tokenHash AND f.revoked_at IS NULL"
          + " AND NOT EXISTS (SELECT 1 FROM users u WHERE u.tenant_id = f.tenant_id"
          + "   AND u.id IN (f.created_by, f.user_id) AND NOT u.active)")
  Optional<FeedRow> findActiveFeed(TenantId tenantId, byte[] tokenHash);

  @SqlQuery(
      "SELECT id, schedule_id, user_id, created_by, created_at, revoked_at FROM calendar_feeds"
          + " WHERE tenant_id = :tenantId AND id = :id")
  Optional<FeedRow> findFeed(TenantId tenantId, UUID id);

  @SqlUpdate(
      "UPDATE calendar_feeds SET revoked_at = :now WHERE tenant_id = :tenantId AND id = :id"
          + " AND revoked_at IS NULL")
  int revokeFeed(TenantId tenantId, UUID id, Instant now);

  /** Revokes every feed a user created or that shows their shifts, when they are deactivated. */
  @SqlUpdate(
      "UPDATE calendar_feeds SET revoked_at = :now WHERE tenant_id = :tenantId"
          + " AND (created_by = :userId OR user_id = :userId) AND revoked_at IS NULL")
  int revokeFeedsOf(TenantId tenantId, UserId userId, Instant now);

  /** Users of the tenant among {@code ids}: participants and override users must be members. */
  @SqlQuery("SELECT id FROM users WHERE tenant_id = :tenantId AND id = ANY (:ids)")
  List<UUID> existingUsers(TenantId tenantId, UUID[] ids);
}
