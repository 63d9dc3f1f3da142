--liquibase formatted sql

--changeset switchboard:033-create-ticket-groups
-- Similar-ticket grouping (ticket/similar): a new ticket joins the most similar recent group of its
-- service (or of no service) or starts one. A member row keeps the ticket's term counts, so IDF
-- and centroids are computed without re-reading and re-tokenizing ticket text.
CREATE TABLE ticket_groups (
  tenant_id     uuid        NOT NULL,
  id            uuid        NOT NULL,
  -- Null: tickets that name no service group among themselves.
  service_id    uuid,
  first_seen_at timestamptz NOT NULL,
  last_seen_at  timestamptz NOT NULL,
  ticket_count  integer     NOT NULL,
  -- When the group last alerted a surge; one alert per surge.
  alerted_at    timestamptz,
  -- The last ticket's time at which the group was at its surge threshold; a surge is over once a
  -- whole surge window passes without that.
  surging_at    timestamptz,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, service_id) REFERENCES services (tenant_id, id)
);
CREATE INDEX ticket_groups_recent ON ticket_groups (tenant_id, last_seen_at DESC);

CREATE TABLE ticket_group_members (
  tenant_id  uuid             NOT NULL,
  ticket_id  uuid             NOT NULL,
  group_id   uuid             NOT NULL,
  joined_at  timestamptz      NOT NULL,
  -- Cosine with the group's centroid when the ticket joined; null for the ticket that started it.
  score      double precision,
  terms      jsonb            NOT NULL,
  PRIMARY KEY (tenant_id, ticket_id),
  FOREIGN KEY (tenant_id, ticket_id) REFERENCES tickets (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, group_id) REFERENCES ticket_groups (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX ticket_group_members_by_group ON ticket_group_members (tenant_id, group_id, joined_at DESC);
CREATE INDEX ticket_group_members_recent ON ticket_group_members (tenant_id, joined_at DESC);

-- One row per tenant that changed the defaults (5 tickets in 15 minutes, support teams alerted).
CREATE TABLE support_settings (
  tenant_id             uuid        NOT NULL PRIMARY KEY REFERENCES tenants (id),
  surge_threshold       integer     NOT NULL CHECK (surge_threshold BETWEEN 2 AND 1000),
  surge_window_minutes  integer     NOT NULL CHECK (surge_window_minutes BETWEEN 1 AND 1440),
  surge_alert_policy_id uuid,
  updated_at            timestamptz NOT NULL,
  FOREIGN KEY (tenant_id, surge_alert_policy_id) REFERENCES escalation_policies (tenant_id, id)
    ON DELETE SET NULL (surge_alert_policy_id)
);

ALTER TABLE ticket_groups ENABLE ROW LEVEL SECURITY;
ALTER TABLE ticket_groups FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON ticket_groups
  USING (tenant_id = switchboard_current_tenant())
  WITH CHECK (tenant_id = switchboard_current_tenant());

ALTER TABLE ticket_group_members ENABLE ROW LEVEL SECURITY;
ALTER TABLE ticket_group_members FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON ticket_group_members
  USING (tenant_id = switchboard_current_tenant())
  WITH CHECK (tenant_id = switchboard_current_tenant());

ALTER TABLE support_settings ENABLE ROW LEVEL SECURITY;
ALTER TABLE support_settings FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON support_settings
  USING (tenant_id = switchboard_current_tenant())
  WITH CHECK (tenant_id = switchboard_current_tenant());
--rollback DROP TABLE support_settings; DROP TABLE ticket_group_members; DROP TABLE ticket_groups;
