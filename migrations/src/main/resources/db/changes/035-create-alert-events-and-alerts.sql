--liquibase formatted sql

--changeset switchboard:035-create-alert-events-and-alerts
-- The alert inbox: every event an integration accepted, made durable by the intake's batched
-- writer (many events, one commit) before the integration answers 202. The processor reads it in
-- id order and sets processed_at in the transaction that applies the event to alerts and
-- incidents. No foreign key to services: one bad row must not fail a whole batch of callers; the
-- processor drops events of a service that is gone.
CREATE TABLE alert_events (
  tenant_id        uuid        NOT NULL,
  id               bigint      GENERATED ALWAYS AS IDENTITY,
  service_id       uuid        NOT NULL,
  integration_id   uuid,
  integration_type text        NOT NULL,
  received_at      timestamptz NOT NULL,
  action           text        NOT NULL CHECK (action IN ('trigger', 'acknowledge', 'resolve')),
  dedup_key        text        NOT NULL,
  urgency          text        CHECK (urgency IN ('high', 'low')),
  severity         text        CHECK (severity IN ('critical', 'error', 'warning', 'info')),
  summary          text,
  payload          jsonb       NOT NULL DEFAULT '{}'::jsonb,
  processed_at     timestamptz,
  attempts         integer     NOT NULL DEFAULT 0,
  last_error       text,
  PRIMARY KEY (tenant_id, id)
);
CREATE INDEX alert_events_unprocessed ON alert_events (id) WHERE processed_at IS NULL;

-- One alert per (service, dedup key) while it is open; repeats count on it (event_count). Each
-- alert belongs to an incident: the one it opened (opened_incident), or, beyond a service's cap of
-- new incidents per window, the newest open incident its service's alerts opened.
CREATE TABLE alerts (
  tenant_id       uuid        NOT NULL,
  id              uuid        NOT NULL,
  service_id      uuid        NOT NULL,
  integration_id  uuid,
  incident_id     uuid        NOT NULL,
  opened_incident boolean     NOT NULL,
  dedup_key       text        NOT NULL,
  status          text        NOT NULL CHECK (status IN ('triggered', 'acknowledged', 'resolved')),
  summary         text        NOT NULL,
  severity        text,
  source          text,
  details         jsonb       NOT NULL DEFAULT '{}'::jsonb,
  event_count     integer     NOT NULL,
  first_at        timestamptz NOT NULL,
  last_at         timestamptz NOT NULL,
  resolved_at     timestamptz,
  created_at      timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, service_id) REFERENCES services (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, incident_id) REFERENCES incidents (tenant_id, id) ON DELETE CASCADE
);
CREATE UNIQUE INDEX alerts_open_dedup_key ON alerts (tenant_id, service_id, dedup_key)
  WHERE status <> 'resolved';
CREATE INDEX alerts_by_incident ON alerts (tenant_id, incident_id, last_at DESC);
-- The cap: incidents a service's alerts opened lately.
CREATE INDEX alerts_opened ON alerts (tenant_id, service_id, created_at DESC) WHERE opened_incident;
-- Auto-resolve: open alerts by their last event.
CREATE INDEX alerts_open_by_last ON alerts (last_at) WHERE status <> 'resolved';

ALTER TABLE alert_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE alert_events FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON alert_events
  USING (tenant_id = switchboard_current_tenant())
  WITH CHECK (tenant_id = switchboard_current_tenant());
-- The processor claims unprocessed events of every tenant (SELECT … FOR UPDATE SKIP LOCKED) in a
-- transaction that sets switchboard.scope, then applies each tenant's in that tenant's scope. A
-- row lock needs an UPDATE policy as well; its check is false, so the scope changes nothing.
CREATE POLICY alert_processor_reads ON alert_events FOR SELECT
  USING (current_setting('switchboard.scope', true) = 'alert-processor');
CREATE POLICY alert_processor_claims ON alert_events FOR UPDATE
  USING (current_setting('switchboard.scope', true) = 'alert-processor')
  WITH CHECK (false);

ALTER TABLE alerts ENABLE ROW LEVEL SECURITY;
ALTER TABLE alerts FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON alerts
  USING (tenant_id = switchboard_current_tenant())
  WITH CHECK (tenant_id = switchboard_current_tenant());
-- Auto-resolve finds (tenant_id, id) of stale open alerts of every tenant, then resolves each
-- tenant's in its own scope. SELECT only.
CREATE POLICY alert_auto_resolve_reads ON alerts FOR SELECT
  USING (current_setting('switchboard.scope', true) = 'alert-auto-resolve');
--rollback DROP TABLE alerts; DROP TABLE alert_events;
