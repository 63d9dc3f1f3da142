--liquibase formatted sql

--changeset switchboard:010-create-incidents
-- Incidents are numbered per tenant (#1, #2, …) so a person can type the number in an SMS reply.
CREATE TABLE incident_counters (
  tenant_id   uuid   PRIMARY KEY REFERENCES tenants (id),
  last_number bigint NOT NULL
);

CREATE TABLE incidents (
  tenant_id        uuid        NOT NULL,
  id               uuid        NOT NULL,
  number           bigint      NOT NULL,
  service_id       uuid        NOT NULL,
  title            text        NOT NULL,
  details          text        NOT NULL DEFAULT '',
  urgency          text        NOT NULL CHECK (urgency IN ('high', 'low')),
  status           text        NOT NULL CHECK (status IN ('triggered', 'acknowledged', 'resolved')),
  dedup_key        text,
  alert_count      integer     NOT NULL DEFAULT 1,
  created_by       text        NOT NULL,
  acknowledged_at  timestamptz,
  acknowledged_by  text,
  resolved_at      timestamptz,
  resolved_by      text,
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, number),
  FOREIGN KEY (tenant_id, service_id) REFERENCES services (tenant_id, id)
);
-- At most one open incident per service and dedup key: a second trigger becomes an alert on it.
CREATE UNIQUE INDEX incidents_open_dedup_key ON incidents (tenant_id, service_id, dedup_key)
  WHERE dedup_key IS NOT NULL AND status <> 'resolved';
CREATE INDEX incidents_by_status ON incidents (tenant_id, status, created_at DESC);
CREATE INDEX incidents_by_service ON incidents (tenant_id, service_id, created_at DESC);

CREATE TABLE incident_alerts (
  tenant_id   uuid        NOT NULL,
  incident_id uuid        NOT NULL,
  id          uuid        NOT NULL,
  title       text        NOT NULL,
  details     text        NOT NULL DEFAULT '',
  received_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, incident_id) REFERENCES incidents (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX incident_alerts_by_incident ON incident_alerts (tenant_id, incident_id, received_at);

-- One escalation per policy (or directly assigned user) paging for an incident: the service's
-- policy, a reassignment, or another team added as responders. round and step say where it is.
CREATE TABLE escalations (
  tenant_id   uuid        NOT NULL,
  incident_id uuid        NOT NULL,
  id          uuid        NOT NULL,
  policy_id   uuid,
  user_id     uuid,
  origin      text        NOT NULL CHECK (origin IN ('service', 'reassignment', 'responder')),
  state       text        NOT NULL CHECK (state IN ('waiting', 'active', 'exhausted', 'stopped')),
  round       integer     NOT NULL DEFAULT 0,
  step        integer     NOT NULL DEFAULT 0,
  next_at     timestamptz,
  started_at  timestamptz NOT NULL,
  ended_at    timestamptz,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, incident_id) REFERENCES incidents (tenant_id, id) ON DELETE CASCADE,
  CHECK ((policy_id IS NULL) <> (user_id IS NULL))
);
CREATE INDEX escalations_by_incident ON escalations (tenant_id, incident_id);

-- Every message Switchboard intends to send. The idempotency key names the decision
-- (incident, escalation, round, step, user, rule): written in the same transaction as the
-- decision, so re-running a step after a crash cannot page twice.
CREATE TABLE notifications (
  tenant_id           uuid        NOT NULL,
  id                  uuid        NOT NULL,
  idempotency_key     text        NOT NULL,
  incident_id         uuid        NOT NULL,
  escalation_id       uuid,
  user_id             uuid        NOT NULL,
  contact_method_id   uuid,
  channel             text        NOT NULL CHECK (channel IN ('sms', 'voice', 'email')),
  address             text        NOT NULL,
  status              text        NOT NULL CHECK (status IN
                        ('scheduled', 'pending', 'sending', 'sent', 'delivered', 'failed',
                         'cancelled', 'suppressed')),
  provider            text,
  provider_message_id text,
  attempts            integer     NOT NULL DEFAULT 0,
  last_error          text,
  due_at              timestamptz NOT NULL,
  claimed_at          timestamptz,
  sent_at             timestamptz,
  created_at          timestamptz NOT NULL,
  updated_at          timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, idempotency_key),
  FOREIGN KEY (tenant_id, incident_id) REFERENCES incidents (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX notifications_by_incident ON notifications (tenant_id, incident_id, created_at);
-- The delivery sweeper's scan for messages a dead node claimed or never sent.
CREATE INDEX notifications_unsent ON notifications (due_at)
  WHERE status IN ('pending', 'sending');
CREATE INDEX notifications_by_address ON notifications (tenant_id, address, sent_at DESC);

-- The timeline: who did what, when, through which channel.
CREATE TABLE incident_events (
  tenant_id   uuid        NOT NULL,
  incident_id uuid        NOT NULL,
  id          bigint      GENERATED ALWAYS AS IDENTITY,
  at          timestamptz NOT NULL,
  kind        text        NOT NULL,
  actor       text        NOT NULL,
  channel     text,
  message     text        NOT NULL,
  detail      jsonb       NOT NULL DEFAULT '{}'::jsonb,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, incident_id) REFERENCES incidents (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX incident_events_by_incident ON incident_events (tenant_id, incident_id, id);

ALTER TABLE incident_counters ENABLE ROW LEVEL SECURITY;
ALTER TABLE incident_counters FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON incident_counters
  USING (tenant_id = switchboard_current_tenant())
  WITH CHECK (tenant_id = switchboard_current_tenant());

ALTER TABLE incidents ENABLE ROW LEVEL SECURITY;
ALTER TABLE incidents FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON incidents
  USING (tenant_id = switchboard_current_tenant())
  WITH CHECK (tenant_id = switchboard_current_tenant());

ALTER TABLE incident_alerts ENABLE ROW LEVEL SECURITY;
ALTER TABLE incident_alerts FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON incident_alerts
  USING (tenant_id = switchboard_current_tenant())
  WITH CHECK (tenant_id = switchboard_current_tenant());

ALTER TABLE escalations ENABLE ROW LEVEL SECURITY;
ALTER TABLE escalations FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON escalations
  USING (tenant_id = switchboard_current_tenant())
  WITH CHECK (tenant_id = switchboard_current_tenant());

-- The delivery sweeper alone reads across tenants, only (tenant_id, id) of unsent messages, in
-- a transaction that sets switchboard.scope; it then handles each message in its tenant's scope.
-- Its policy is for SELECT only: that scope can change or delete nothing.
ALTER TABLE notifications ENABLE ROW LEVEL SECURITY;
ALTER TABLE notifications FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON notifications
  USING (tenant_id = switchboard_current_tenant())
  WITH CHECK (tenant_id = switchboard_current_tenant());
CREATE POLICY delivery_sweeper_reads ON notifications FOR SELECT
  USING (current_setting('switchboard.scope', true) = 'delivery-sweeper');

ALTER TABLE incident_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE incident_events FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON incident_events
  USING (tenant_id = switchboard_current_tenant())
  WITH CHECK (tenant_id = switchboard_current_tenant());
--rollback DROP TABLE incident_events, notifications, escalations, incident_alerts, incidents, incident_counters;
