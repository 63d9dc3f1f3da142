--liquibase formatted sql

--changeset switchboard:011-create-signing-keys
-- Secrets every node must share, generated on first start: e.g. the key that signs the one-click
-- acknowledge and resolve links in notification emails. Not tenant data: no row-level policy.
CREATE TABLE signing_keys (
  name       text        PRIMARY KEY,
  secret     bytea       NOT NULL,
  created_at timestamptz NOT NULL
);
--rollback DROP TABLE signing_keys;
