--liquibase formatted sql

--changeset switchboard:038-create-idempotency-keys
-- Idempotency-Key on create calls: the first request with a key claims it (response_status NULL
-- while it runs); a 2xx response is then stored with it and replayed to retries for 24 hours.
-- Keys are per caller: tenant and user (an API key acts as the user who created it).
CREATE TABLE idempotency_keys (
  tenant_id         uuid        NOT NULL,
  user_id           uuid        NOT NULL,
  idempotency_key   text        NOT NULL,
  request_method    text        NOT NULL,
  request_path      text        NOT NULL,
  body_sha256       bytea       NOT NULL,
  created_at        timestamptz NOT NULL,
  response_status   integer,
  response_body     text,
  response_location text,
  PRIMARY KEY (tenant_id, user_id, idempotency_key)
);
CREATE INDEX idempotency_keys_by_age ON idempotency_keys (tenant_id, created_at);

ALTER TABLE idempotency_keys ENABLE ROW LEVEL SECURITY;
ALTER TABLE idempotency_keys FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON idempotency_keys
  USING (tenant_id = switchboard_current_tenant())
  WITH CHECK (tenant_id = switchboard_current_tenant());
--rollback DROP TABLE idempotency_keys;
