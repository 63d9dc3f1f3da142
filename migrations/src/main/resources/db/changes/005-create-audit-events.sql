--liquibase formatted sql

--changeset switchboard:005-create-audit-events
-- Append-only record of every mutating call, written in the same transaction as the change.
CREATE TABLE audit_events (
  tenant_id   uuid        NOT NULL,
  id          bigint      GENERATED ALWAYS AS IDENTITY,
  occurred_at timestamptz NOT NULL,
  actor_id    uuid,
  actor_kind  text        NOT NULL CHECK (actor_kind IN ('user', 'api_key', 'system')),
  actor_name  text        NOT NULL,
  action      text        NOT NULL,
  target_type text        NOT NULL,
  target_id   text,
  summary     text        NOT NULL,
  client_ip   text,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id) REFERENCES tenants (id)
);
CREATE INDEX audit_events_recent ON audit_events (tenant_id, occurred_at DESC, id DESC);

ALTER TABLE audit_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE audit_events FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON audit_events
  USING (tenant_id = switchboard_current_tenant())
  WITH CHECK (tenant_id = switchboard_current_tenant());
--rollback DROP TABLE audit_events;
