package com.switchboard.ticket;

import com.switchboard.tenant.TenantId;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;
import org.jdbi.v3.sqlobject.statement.SqlUpdate;

@RegisterConstructorMapper(Customer.class)
public interface CustomerDao {
  String SELECT_CUSTOMERS =
      "SELECT id, name, tier, external_id, created_at, updated_at FROM customers"
          + " WHERE tenant_id = :tenantId";

  @SqlUpdate(
      "INSERT INTO customers (tenant_id, id, name, tier, external_id, created_at, updated_at)"
          + " VALUES (:tenantId, :id, :name, :tier, :externalId, :now, :now)")
  void insert(TenantId tenantId, UUID id, String name, String tier, String externalId, Instant now);

  @SqlQuery(SELECT_CUSTOMERS + " AND id = :id")
  Optional<Customer> find(TenantId tenantId, UUID id);

  @SqlQuery(SELECT_CUSTOMERS + " AND external_id = :externalId")
  Optional<Customer> findByExternalId(TenantId tenantId, String externalId);

  @SqlQuery(SELECT_CUSTOMERS + " AND lower(name) = lower(:name)")
  Optional<Customer> findByName(TenantId tenantId, String name);

  /** {@code pattern} is already escaped for ILIKE. */
  @SqlQuery(
      SELECT_CUSTOMERS
          + " AND (CAST(:tier AS text) IS NULL OR tier = :tier)"
          + " AND (CAST(:pattern AS text) IS NULL OR name ILIKE '%' || :pattern || '%')"
          + " ORDER BY lower(name), id LIMIT :limit")
  List<Customer> list(TenantId tenantId, String tier, String pattern, int limit);

  @SqlUpdate(
      "UPDATE customers SET name = :name, tier = :tier, external_id = :externalId,"
          + " updated_at = :now WHERE tenant_id = :tenantId AND id = :id")
  void update(TenantId tenantId, UUID id, String name, String tier, String externalId, Instant now);
}
