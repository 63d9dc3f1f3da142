--liquibase formatted sql

--changeset switchboard:029-create-sla-policies-and-clocks
-- SLA policies (decision 0006): one per customer tier per tenant. targets holds, per ticket
-- priority, the minutes of business time to first response, next response and resolution;
-- business_hours is null for 24x7, else {timeZone, windows, holidays}. The escalation policy is
-- who gets paged at breach; deleting it leaves the SLA policy paging nobody until it is set again.
CREATE TABLE sla_policies (
  tenant_id            uuid        NOT NULL,
  id                   uuid        NOT NULL,
  name                 text        NOT NULL,
  tier                 text        NOT NULL,
  targets              jsonb       NOT NULL,
  business_hours       jsonb,
  warning_percent      integer     NOT NULL CHECK (warning_percent BETWEEN 1 AND 99),
  escalation_policy_id uuid,
  created_at           timestamptz NOT NULL,
  updated_at           timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id) REFERENCES tenants (id),
  FOREIGN KEY (tenant_id, escalation_policy_id) REFERENCES escalation_policies (tenant_id, id)
    ON DELETE SET NULL (escalation_policy_id)
);
CREATE UNIQUE INDEX sla_policies_tier_unique ON sla_policies (tenant_id, lower(tier));

-- One row per clock of a ticket; next_response starts a new cycle at each customer reply after an
-- agent's. A clock counts business seconds: consumed_seconds up to running_since, plus the business
-- time since running_since while it runs (running_since is null while paused or stopped). due_at
-- and warn_at are recomputed, with generation raised, on each change; a timer whose generation is
-- older does nothing. met and breached are final (a solved ticket's resolution clock is met until
-- the ticket reopens); a breached clock that runs on counts below zero. The ticket's number,
-- subject, customer, tier, priority and assignee are copied here as of its last change, because the
-- SLA package never reads tickets.
CREATE TABLE sla_clocks (
  tenant_id        uuid        NOT NULL,
  id               uuid        NOT NULL,
  ticket_id        uuid        NOT NULL,
  metric           text        NOT NULL
    CHECK (metric IN ('first_response', 'next_response', 'resolution')),
  cycle            integer     NOT NULL DEFAULT 0,
  policy_id        uuid,
  status           text        NOT NULL CHECK (status IN ('active', 'paused', 'met', 'breached')),
  target_seconds   bigint      NOT NULL CHECK (target_seconds > 0),
  warn_seconds     bigint      NOT NULL,
  consumed_seconds bigint      NOT NULL DEFAULT 0,
  running_since    timestamptz,
  due_at           timestamptz,
  warn_at          timestamptz,
  warned_at        timestamptz,
  breached_at      timestamptz,
  met_at           timestamptz,
  incident_id      uuid,
  generation       bigint      NOT NULL DEFAULT 0,
  ticket_number    bigint      NOT NULL,
  ticket_subject   text        NOT NULL,
  customer_name    text,
  tier             text,
  priority         text        NOT NULL,
  assignee_id      uuid,
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, ticket_id, metric, cycle),
  FOREIGN KEY (tenant_id, ticket_id) REFERENCES tickets (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, policy_id) REFERENCES sla_policies (tenant_id, id)
    ON DELETE SET NULL (policy_id),
  FOREIGN KEY (tenant_id, incident_id) REFERENCES incidents (tenant_id, id)
    ON DELETE SET NULL (incident_id)
);
CREATE INDEX sla_clocks_by_policy ON sla_clocks (tenant_id, policy_id) WHERE status IN ('active', 'paused');
CREATE INDEX sla_clocks_by_status ON sla_clocks (tenant_id, status, metric);

ALTER TABLE sla_policies ENABLE ROW LEVEL SECURITY;
ALTER TABLE sla_policies FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON sla_policies
  USING (tenant_id = switchboard_current_tenant())
  WITH CHECK (tenant_id = switchboard_current_tenant());

ALTER TABLE sla_clocks ENABLE ROW LEVEL SECURITY;
ALTER TABLE sla_clocks FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON sla_clocks
  USING (tenant_id = switchboard_current_tenant())
  WITH CHECK (tenant_id = switchboard_current_tenant());
--rollback DROP TABLE sla_clocks; DROP TABLE sla_policies;
