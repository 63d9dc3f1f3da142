package com.switchboard.paging;

import com.switchboard.tenant.TenantId;
import java.util.Optional;
import java.util.UUID;
import org.jdbi.v3.sqlobject.config.RegisterConstructorMapper;
import org.jdbi.v3.sqlobject.statement.SqlQuery;

/** Reads incidents for paging; used through {@link PageSubject}. */
@RegisterConstructorMapper(PageSubject.class)
public interface PageSubjectDao {
  @SqlQuery(
      "SELECT i.id, i.number, i.service_id, COALESCE(s.name, '"
          + PageSubject.NO_SERVICE_NAME
          + "') AS service_name, i.title, i.details, i.urgency,"
          + " i.status = 'triggered' AS triggered"
          + " FROM incidents i LEFT JOIN services s"
          + "   ON s.tenant_id = i.tenant_id AND s.id = i.service_id"
          + " WHERE i.tenant_id = :tenantId AND i.id = :id")
  Optional<PageSubject> find(TenantId tenantId, UUID id);

  @SqlQuery("SELECT id FROM incidents WHERE tenant_id = :tenantId AND id = :id FOR NO KEY UPDATE")
  Optional<UUID> lock(TenantId tenantId, UUID id);
}
