--liquibase formatted sql

--changeset switchboard:041-create-heartbeats-and-email-settings
-- Heartbeat monitors (issue 12): an integration of type heartbeat whose URL a cron job pings.
-- due_at is when the monitor is missed: the last ping (or its creation) + interval + grace, kept
-- as a column so that finding overdue monitors is one range scan. missed_at is set once the
-- trigger of a miss has been handed to the alert intake, and cleared by the next ping, which hands
-- it the resolve.
CREATE TABLE alert_heartbeats (
  tenant_id        uuid        NOT NULL,
  integration_id   uuid        NOT NULL,
  interval_seconds integer     NOT NULL CHECK (interval_seconds BETWEEN 60 AND 604800),
  grace_seconds    integer     NOT NULL CHECK (grace_seconds BETWEEN 0 AND interval_seconds),
  last_ping_at     timestamptz,
  due_at           timestamptz NOT NULL,
  missed_at        timestamptz,
  PRIMARY KEY (tenant_id, integration_id),
  FOREIGN KEY (tenant_id, integration_id) REFERENCES alert_integrations (tenant_id, id)
    ON DELETE CASCADE
);
CREATE INDEX alert_heartbeats_due ON alert_heartbeats (due_at) WHERE missed_at IS NULL;

ALTER TABLE alert_heartbeats ENABLE ROW LEVEL SECURITY;
ALTER TABLE alert_heartbeats FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON alert_heartbeats
  USING (tenant_id = switchboard_current_tenant())
  WITH CHECK (tenant_id = switchboard_current_tenant());
-- The heartbeat monitor job alone reads (tenant, integration) of overdue monitors across tenants,
-- in a transaction that sets switchboard.scope; it then marks each in its tenant's scope. SELECT
-- only: that scope can change nothing.
CREATE POLICY heartbeat_monitor_reads ON alert_heartbeats FOR SELECT
  USING (current_setting('switchboard.scope', true) = 'heartbeat-monitor');

-- Inbound email integrations: how an email's dedup key is made. 'message' (the default) opens an
-- incident per email (its Message-ID); 'subject' groups emails of one subject onto one alert.
CREATE TABLE alert_email_settings (
  tenant_id      uuid NOT NULL,
  integration_id uuid NOT NULL,
  group_by       text NOT NULL DEFAULT 'message' CHECK (group_by IN ('message', 'subject')),
  PRIMARY KEY (tenant_id, integration_id),
  FOREIGN KEY (tenant_id, integration_id) REFERENCES alert_integrations (tenant_id, id)
    ON DELETE CASCADE
);
ALTER TABLE alert_email_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE alert_email_settings FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON alert_email_settings
  USING (tenant_id = switchboard_current_tenant())
  WITH CHECK (tenant_id = switchboard_current_tenant());
--rollback DROP TABLE alert_email_settings; DROP TABLE alert_heartbeats;
