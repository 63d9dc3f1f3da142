--liquibase formatted sql

--changeset switchboard:001-create-tenant-scope splitStatements:false
-- The tenant of the current transaction, set by TenantScope with set_config(..., true).
-- Row-level security policies compare every row's tenant_id with it; unset means no rows.
CREATE FUNCTION switchboard_current_tenant() RETURNS uuid
LANGUAGE sql STABLE AS $$
  SELECT NULLIF(current_setting('switchboard.tenant_id', true), '')::uuid
$$;
--rollback DROP FUNCTION switchboard_current_tenant();
