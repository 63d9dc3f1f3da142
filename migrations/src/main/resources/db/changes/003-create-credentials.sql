--liquibase formatted sql

--changeset switchboard:003-create-credentials
-- Secrets are stored only as SHA-256 hashes; the token handed out carries its tenant id so
-- that every lookup runs inside one tenant's scope.
CREATE TABLE sessions (
  tenant_id    uuid        NOT NULL,
  id           uuid        NOT NULL,
  user_id      uuid        NOT NULL,
  token_hash   bytea       NOT NULL,
  csrf_token   text        NOT NULL,
  created_at   timestamptz NOT NULL,
  expires_at   timestamptz NOT NULL,
  client_ip    text,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, token_hash),
  FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id)
);

CREATE TABLE api_keys (
  tenant_id    uuid        NOT NULL,
  id           uuid        NOT NULL,
  name         text        NOT NULL,
  role         text        NOT NULL CHECK (role IN ('owner', 'admin', 'responder', 'agent', 'viewer')),
  token_hash   bytea       NOT NULL,
  token_hint   text        NOT NULL,
  created_by   uuid        NOT NULL,
  created_at   timestamptz NOT NULL,
  last_used_at timestamptz,
  revoked_at   timestamptz,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, token_hash),
  FOREIGN KEY (tenant_id, created_by) REFERENCES users (tenant_id, id)
);

CREATE TABLE invitations (
  tenant_id        uuid        NOT NULL,
  id               uuid        NOT NULL,
  email            text        NOT NULL,
  role             text        NOT NULL CHECK (role IN ('owner', 'admin', 'responder', 'agent', 'viewer')),
  token_hash       bytea       NOT NULL,
  invited_by       uuid        NOT NULL,
  created_at       timestamptz NOT NULL,
  expires_at       timestamptz NOT NULL,
  accepted_at      timestamptz,
  accepted_user_id uuid,
  revoked_at       timestamptz,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, token_hash),
  FOREIGN KEY (tenant_id, invited_by) REFERENCES users (tenant_id, id),
  FOREIGN KEY (tenant_id, accepted_user_id) REFERENCES users (tenant_id, id)
);

ALTER TABLE sessions ENABLE ROW LEVEL SECURITY;
ALTER TABLE sessions FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON sessions
  USING (tenant_id = switchboard_current_tenant())
  WITH CHECK (tenant_id = switchboard_current_tenant());

ALTER TABLE api_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE api_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON api_keys
  USING (tenant_id = switchboard_current_tenant())
  WITH CHECK (tenant_id = switchboard_current_tenant());

ALTER TABLE invitations ENABLE ROW LEVEL SECURITY;
ALTER TABLE invitations FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON invitations
  USING (tenant_id = switchboard_current_tenant())
  WITH CHECK (tenant_id = switchboard_current_tenant());
--rollback DROP TABLE invitations; DROP TABLE api_keys; DROP TABLE sessions;
