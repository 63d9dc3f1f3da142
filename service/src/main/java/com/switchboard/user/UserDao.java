package com.switchboard.user;

import com.switchboard.auth.Role;
import com.switchboard.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(User.class)
public interface UserDao {
  String COLUMNS =
      "tenant_id, id, email, name, password_hash, role, time_zone, active, status_updates,"
          + " created_at, updated_at";

  @SqlUpdate(
      "INSERT INTO users ("
          + COLUMNS
          + ") VALUES (:tenantId, :id, :email, :name, :passwordHash,"
          + " :role, :timeZone, :active, :statusUpdates, :createdAt, :updatedAt)")
  void insert(@BindMethods User user);

  @SqlQuery("SELECT " + COLUMNS + " FROM users WHERE tenant_id = :tenantId AND id = :id")
  Optional<User> findById(TenantId tenantId, UserId id);

  @SqlQuery("SELECT " + COLUMNS + " FROM users WHERE tenant_id = :tenantId AND email = :email")
  Optional<User> findByEmail(TenantId tenantId, String email);

  @SqlQuery(
      "SELECT " + COLUMNS + " FROM users WHERE tenant_id = :tenantId ORDER BY lower(name), id")
  List<User> list(TenantId tenantId);

  @SqlUpdate(
      "UPDATE users SET name = :name, time_zone = :timeZone, role = :role, updated_at = :now"
          + " WHERE tenant_id = :tenantId AND id = :id")
  void updateProfile(
      TenantId tenantId, UserId id, String name, String timeZone, Role role, Instant now);

  @SqlUpdate(
      "UPDATE users SET status_updates = :on, updated_at = :now"
          + " WHERE tenant_id = :tenantId AND id = :id")
  void setStatusUpdates(TenantId tenantId, UserId id, boolean on, Instant now);

  @SqlUpdate(
      "UPDATE users SET active = :active, updated_at = :now WHERE tenant_id = :tenantId AND id = :id")
  void setActive(TenantId tenantId, UserId id, boolean active, Instant now);

  @SqlUpdate(
      "UPDATE users SET password_hash = :passwordHash, updated_at = :now"
          + " WHERE tenant_id = :tenantId AND id = :id")
  void setPassword(TenantId tenantId, UserId id, String passwordHash, Instant now);

  @SqlQuery("SELECT count(*) FROM users WHERE tenant_id = :tenantId AND role = 'owner' AND active")
  int countActiveOwners(TenantId tenantId);
}
