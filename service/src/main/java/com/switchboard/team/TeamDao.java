package com.switchboard.team;

import com.switchboard.tenant.TenantId;
import com.switchboard.user.UserId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(Team.class)
@RegisterConstructorMapper(TeamMember.class)
@RegisterConstructorMapper(TeamDetail.ServiceRef.class)
public interface TeamDao {
  String SELECT_TEAMS =
      "SELECT t.id, t.name, t.kind, t.description, t.created_at,"
          + " (SELECT count(*) FROM team_members m WHERE m.tenant_id = t.tenant_id AND m.team_id = t.id) AS member_count,"
          + " (SELECT count(*) FROM services s WHERE s.tenant_id = t.tenant_id AND s.team_id = t.id) AS service_count"
          + " FROM teams t WHERE t.tenant_id = :tenantId";

  @SqlUpdate(
      "INSERT INTO teams (tenant_id, id, name, kind, description, created_at)"
          + " VALUES (:tenantId, :id, :name, :kind, :description, :now)")
  void insert(
      TenantId tenantId, UUID id, String name, TeamKind kind, String description, Instant now);

  @SqlQuery(SELECT_TEAMS + " ORDER BY lower(t.name), t.id")
  List<Team> list(TenantId tenantId);

  @SqlQuery(SELECT_TEAMS + " AND t.id = :id")
  Optional<Team> findById(TenantId tenantId, UUID id);

  @SqlUpdate(
      "UPDATE teams SET name = :name, kind = :kind, description = :description"
          + " WHERE tenant_id = :tenantId AND id = :id")
  void update(TenantId tenantId, UUID id, String name, TeamKind kind, String description);

  @SqlUpdate("DELETE FROM teams WHERE tenant_id = :tenantId AND id = :id")
  void delete(TenantId tenantId, UUID id);

  @SqlQuery(
      "SELECT u.id, u.name, u.email, u.active, m.added_at FROM team_members m"
          + " JOIN users u ON u.tenant_id = m.tenant_id AND u.id = m.user_id"
          + " WHERE m.tenant_id = :tenantId AND m.team_id = :teamId ORDER BY lower(u.name), u.id")
  List<TeamMember> members(TenantId tenantId, UUID teamId);

  @SqlQuery(
      "SELECT id, name FROM services WHERE tenant_id = :tenantId AND team_id = :teamId"
          + " ORDER BY lower(name), id")
  List<TeamDetail.ServiceRef> services(TenantId tenantId, UUID teamId);

  /** Returns 0 when the user was already a member. */
  @SqlUpdate(
      "INSERT INTO team_members (tenant_id, team_id, user_id, added_at)"
          + " VALUES (:tenantId, :teamId, :userId, :now) ON CONFLICT DO NOTHING")
  int addMember(TenantId tenantId, UUID teamId, UserId userId, Instant now);

  @SqlUpdate(
      "DELETE FROM team_members WHERE tenant_id = :tenantId AND team_id = :teamId AND user_id = :userId")
  int removeMember(TenantId tenantId, UUID teamId, UserId userId);
}
