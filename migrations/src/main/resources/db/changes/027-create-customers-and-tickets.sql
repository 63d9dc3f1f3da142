--liquibase formatted sql

--changeset switchboard:027-create-customers-and-tickets
-- Support cases (decision 0006). A customer carries a tier, a tenant-defined name ("premium"):
-- SLA policies are chosen by it. Tickets are numbered per tenant like incidents, so an agent can
-- say "T-42". Every change to a ticket is an event; the ticket row holds only the current state.
CREATE TABLE customers (
  tenant_id   uuid        NOT NULL,
  id          uuid        NOT NULL,
  name        text        NOT NULL,
  tier        text        NOT NULL,
  external_id text,
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id) REFERENCES tenants (id)
);
CREATE UNIQUE INDEX customers_name_unique ON customers (tenant_id, lower(name));
CREATE UNIQUE INDEX customers_external_id_unique ON customers (tenant_id, external_id)
  WHERE external_id IS NOT NULL;

CREATE TABLE ticket_counters (
  tenant_id   uuid   PRIMARY KEY REFERENCES tenants (id),
  last_number bigint NOT NULL
);

CREATE TABLE tickets (
  tenant_id     uuid        NOT NULL,
  id            uuid        NOT NULL,
  number        bigint      NOT NULL,
  subject       text        NOT NULL,
  description   text        NOT NULL DEFAULT '',
  requester     text,
  customer_id   uuid,
  priority      text        NOT NULL CHECK (priority IN ('urgent', 'high', 'normal', 'low')),
  status        text        NOT NULL
    CHECK (status IN ('new', 'open', 'pending', 'on_hold', 'solved', 'closed')),
  assignee_id   uuid,
  service_id    uuid,
  external_id   text,
  external_url  text,
  -- Set once, when the ticket is first escalated to or linked with an incident.
  escalated_at  timestamptz,
  -- Raised when a linked incident resolves: the customer is owed a closing reply.
  follow_up_due boolean     NOT NULL DEFAULT false,
  created_by    text        NOT NULL,
  created_at    timestamptz NOT NULL,
  updated_at    timestamptz NOT NULL,
  solved_at     timestamptz,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, number),
  FOREIGN KEY (tenant_id, customer_id) REFERENCES customers (tenant_id, id),
  FOREIGN KEY (tenant_id, assignee_id) REFERENCES users (tenant_id, id),
  FOREIGN KEY (tenant_id, service_id) REFERENCES services (tenant_id, id)
);
CREATE UNIQUE INDEX tickets_external_id_unique ON tickets (tenant_id, external_id)
  WHERE external_id IS NOT NULL;
CREATE INDEX tickets_by_status ON tickets (tenant_id, status, number DESC);
CREATE INDEX tickets_by_service ON tickets (tenant_id, service_id, created_at DESC);
CREATE INDEX tickets_by_customer ON tickets (tenant_id, customer_id, created_at DESC);

-- kind names what happened; public replies and customer replies are what the customer sees.
CREATE TABLE ticket_events (
  tenant_id   uuid        NOT NULL,
  ticket_id   uuid        NOT NULL,
  id          uuid        NOT NULL,
  -- Orders events written in one transaction, which share their instant.
  seq         bigint      GENERATED ALWAYS AS IDENTITY,
  at          timestamptz NOT NULL,
  kind        text        NOT NULL,
  actor       text        NOT NULL,
  body        text        NOT NULL DEFAULT '',
  data        jsonb       NOT NULL DEFAULT '{}',
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, ticket_id) REFERENCES tickets (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX ticket_events_by_ticket ON ticket_events (tenant_id, ticket_id, seq);

-- A ticket is linked to at most one incident at a time; an incident has any number of tickets.
CREATE TABLE ticket_incidents (
  tenant_id   uuid        NOT NULL,
  ticket_id   uuid        NOT NULL,
  incident_id uuid        NOT NULL,
  linked_at   timestamptz NOT NULL,
  linked_by   text        NOT NULL,
  -- escalated: the ticket opened the incident; linked: joined an open one.
  how         text        NOT NULL CHECK (how IN ('escalated', 'linked')),
  PRIMARY KEY (tenant_id, ticket_id),
  FOREIGN KEY (tenant_id, ticket_id) REFERENCES tickets (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, incident_id) REFERENCES incidents (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX ticket_incidents_by_incident ON ticket_incidents (tenant_id, incident_id, linked_at);

ALTER TABLE customers ENABLE ROW LEVEL SECURITY;
ALTER TABLE customers FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON customers
  USING (tenant_id = switchboard_current_tenant())
  WITH CHECK (tenant_id = switchboard_current_tenant());

ALTER TABLE ticket_counters ENABLE ROW LEVEL SECURITY;
ALTER TABLE ticket_counters FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON ticket_counters
  USING (tenant_id = switchboard_current_tenant())
  WITH CHECK (tenant_id = switchboard_current_tenant());

ALTER TABLE tickets ENABLE ROW LEVEL SECURITY;
ALTER TABLE tickets FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON tickets
  USING (tenant_id = switchboard_current_tenant())
  WITH CHECK (tenant_id = switchboard_current_tenant());

ALTER TABLE ticket_events ENABLE ROW LEVEL SECURITY;
ALTER TABLE ticket_events FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON ticket_events
  USING (tenant_id = switchboard_current_tenant())
  WITH CHECK (tenant_id = switchboard_current_tenant());

ALTER TABLE ticket_incidents ENABLE ROW LEVEL SECURITY;
ALTER TABLE ticket_incidents FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON ticket_incidents
  USING (tenant_id = switchboard_current_tenant())
  WITH CHECK (tenant_id = switchboard_current_tenant());

-- An incident Switchboard opens itself for a breached support SLA has no service: it pages the
-- SLA policy's escalation policy, not a service's.
ALTER TABLE incidents ALTER COLUMN service_id DROP NOT NULL;
--rollback DROP TABLE ticket_incidents; DROP TABLE ticket_events; DROP TABLE tickets; DROP TABLE ticket_counters; DROP TABLE customers;
