package com.switchboard.tenant;

import java.util.List;
import java.util.Optional;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.customizer.BindMethods;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

/** The tenant directory: the one table read before a tenant is known (no row-level policy). */
@RegisterConstructorMapper(Tenant.class)
public interface TenantDao {
  @SqlUpdate(
      "INSERT INTO tenants (id, slug, name, created_at) VALUES (:id, :slug, :name, :createdAt)")
  void insert(@BindMethods Tenant tenant);

  @SqlQuery("SELECT id, slug, name, created_at FROM tenants WHERE slug = :slug")
  Optional<Tenant> findBySlug(String slug);

  @SqlQuery("SELECT id, slug, name, created_at FROM tenants WHERE id = :id")
  Optional<Tenant> findById(TenantId id);

  @SqlQuery("SELECT id FROM tenants ORDER BY id")
  List<TenantId> allIds();
}
