--liquibase formatted sql

--changeset switchboard:002-create-tenants-and-users
-- tenants is the directory of organizations: it resolves a slug to an id before anyone is
-- authenticated, so it carries no row-level policy (in Citus it would be a reference table).
CREATE TABLE tenants (
  id         uuid        PRIMARY KEY,
  slug       text        NOT NULL UNIQUE,
  name       text        NOT NULL,
  created_at timestamptz NOT NULL
);

CREATE TABLE users (
  tenant_id     uuid        NOT NULL REFERENCES tenants (id),
  id            uuid        NOT NULL,
  email         text        NOT NULL,
  name          text        NOT NULL,
  password_hash text        NOT NULL,
  role          text        NOT NULL CHECK (role IN ('owner', 'admin', 'responder', 'agent', 'viewer')),
  time_zone     text        NOT NULL,
  active        boolean     NOT NULL DEFAULT true,
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, email)
);

ALTER TABLE users ENABLE ROW LEVEL SECURITY;
ALTER TABLE users FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON users
  USING (tenant_id = switchboard_current_tenant())
  WITH CHECK (tenant_id = switchboard_current_tenant());
--rollback DROP TABLE users; DROP TABLE tenants;
