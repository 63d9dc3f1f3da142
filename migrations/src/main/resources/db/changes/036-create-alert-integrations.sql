--liquibase formatted sql

--changeset switchboard:036-create-alert-integrations
-- Inbound alert integrations (issue 12): a monitoring tool (PagerDuty Events API v2 clients,
-- Prometheus Alertmanager, a generic JSON webhook; heartbeat and email come next) sends events to
-- one service through an integration. The key is kept readable, as PagerDuty shows an integration
-- key again: it is a routing credential an admin pastes into the tool, and RLS guards it.
CREATE TABLE alert_integrations (
  tenant_id       uuid        NOT NULL,
  id              uuid        NOT NULL,
  service_id      uuid        NOT NULL,
  type            text        NOT NULL
    CHECK (type IN ('events_v2', 'alertmanager', 'generic', 'heartbeat', 'email')),
  name            text        NOT NULL,
  integration_key text        NOT NULL,
  created_at      timestamptz NOT NULL,
  updated_at      timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, service_id) REFERENCES services (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX alert_integrations_by_service ON alert_integrations (tenant_id, service_id);

ALTER TABLE alert_integrations ENABLE ROW LEVEL SECURITY;
ALTER TABLE alert_integrations FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON alert_integrations
  USING (tenant_id = switchboard_current_tenant())
  WITH CHECK (tenant_id = switchboard_current_tenant());

-- An event carries its key (routing_key, or the token in the URL) and no tenant. Like
-- sms_reply_codes (decision 0005), this table is read before any tenant is known, so it has no
-- row-level policy; it holds routing only: the SHA-256 of each live key and the ids it routes to,
-- never the key itself. Rotating a key replaces its row; deleting the integration cascades.
CREATE TABLE alert_integration_keys (
  key_sha256     bytea NOT NULL PRIMARY KEY,
  tenant_id      uuid  NOT NULL REFERENCES tenants (id),
  integration_id uuid  NOT NULL,
  UNIQUE (tenant_id, integration_id),
  FOREIGN KEY (tenant_id, integration_id) REFERENCES alert_integrations (tenant_id, id)
    ON DELETE CASCADE
);

-- The severity an event names → the urgency of the incident it opens, per tenant; a severity
-- without a row takes the default (critical, error → high; warning, info → low).
CREATE TABLE alert_severity_urgencies (
  tenant_id  uuid        NOT NULL REFERENCES tenants (id),
  severity   text        NOT NULL CHECK (severity IN ('critical', 'error', 'warning', 'info')),
  urgency    text        NOT NULL CHECK (urgency IN ('high', 'low')),
  updated_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, severity)
);
ALTER TABLE alert_severity_urgencies ENABLE ROW LEVEL SECURITY;
ALTER TABLE alert_severity_urgencies FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON alert_severity_urgencies
  USING (tenant_id = switchboard_current_tenant())
  WITH CHECK (tenant_id = switchboard_current_tenant());
--rollback DROP TABLE alert_severity_urgencies; DROP TABLE alert_integration_keys; DROP TABLE alert_integrations;
