--liquibase formatted sql

--changeset switchboard:034-create-password-resets
-- "Forgot password": a single-use link emailed to the user's sign-in address. Only a SHA-256 of
-- the token is kept; the token carries its tenant (sbr_<tenant hex>_<secret>), so redeeming it
-- runs in that tenant's scope like every other credential. A redeemed link sets used_at, and so
-- does every other open link of the user at that moment.
CREATE TABLE password_resets (
  tenant_id  uuid        NOT NULL,
  id         uuid        NOT NULL,
  user_id    uuid        NOT NULL,
  token_hash bytea       NOT NULL,
  created_at timestamptz NOT NULL,
  expires_at timestamptz NOT NULL,
  used_at    timestamptz,
  client_ip  text,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, token_hash),
  FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id)
);
CREATE INDEX password_resets_by_user ON password_resets (tenant_id, user_id) WHERE used_at IS NULL;

ALTER TABLE password_resets ENABLE ROW LEVEL SECURITY;
ALTER TABLE password_resets FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON password_resets
  USING (tenant_id = switchboard_current_tenant())
  WITH CHECK (tenant_id = switchboard_current_tenant());

-- "Forgot sign-in name" must find, before any tenant is known, the organizations where an email
-- address has an active user. It reads (tenant_id) of users by email in a transaction that sets
-- switchboard.scope, then writes (the audit record) in each tenant's own scope. SELECT only.
CREATE POLICY sign_in_name_reminder_reads ON users FOR SELECT
  USING (current_setting('switchboard.scope', true) = 'sign-in-name-reminder');
CREATE INDEX users_by_email ON users (email);
--rollback DROP INDEX users_by_email; DROP POLICY sign_in_name_reminder_reads ON users; DROP TABLE password_resets;
