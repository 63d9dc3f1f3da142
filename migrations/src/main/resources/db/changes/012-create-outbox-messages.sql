--liquibase formatted sql

--changeset switchboard:012-create-outbox-messages
-- The outbox provider's mailbox: what would have gone out by SMS, voice or email when no real
-- provider is configured, and the replies simulated against it.
CREATE TABLE outbox_messages (
  tenant_id       uuid        NOT NULL REFERENCES tenants (id),
  id              uuid        NOT NULL,
  notification_id uuid        NOT NULL,
  direction       text        NOT NULL CHECK (direction IN ('outbound', 'inbound')),
  channel         text        NOT NULL CHECK (channel IN ('sms', 'voice', 'email')),
  address         text        NOT NULL,
  subject         text,
  body            text        NOT NULL,
  html            text,
  created_at      timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX outbox_messages_by_time ON outbox_messages (tenant_id, created_at DESC);

ALTER TABLE outbox_messages ENABLE ROW LEVEL SECURITY;
ALTER TABLE outbox_messages FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON outbox_messages
  USING (tenant_id = switchboard_current_tenant())
  WITH CHECK (tenant_id = switchboard_current_tenant());
--rollback DROP TABLE outbox_messages;
