--liquibase formatted sql

--changeset switchboard:017-create-rate-limit-events
-- One row per counted event of a rate limit (a verification code sent, a signup, a failed login),
-- shared by every node so that no node's memory decides a limit. Deliberately without a tenant
-- policy: a victim's phone number must be protected from every tenant at once. The row holds no
-- address, email or tenant data, only an HMAC of the limit's key (kind + key, under the
-- "rate-limit-keys" signing key) and times; rows are deleted once they leave their window.
CREATE TABLE rate_limit_events (
  id          bigint      GENERATED ALWAYS AS IDENTITY PRIMARY KEY,
  kind        text        NOT NULL,
  key_hash    bytea       NOT NULL,
  occurred_at timestamptz NOT NULL,
  expires_at  timestamptz NOT NULL
);
CREATE INDEX rate_limit_events_by_key ON rate_limit_events (key_hash, occurred_at);
CREATE INDEX rate_limit_events_by_expiry ON rate_limit_events (expires_at);
--rollback DROP TABLE rate_limit_events;
