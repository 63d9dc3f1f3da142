--liquibase formatted sql

--changeset switchboard:031-create-impact-rules-and-message-templates
-- Impact rules act on an incident when its linked tickets say customers are hurt: "10 or more
-- tickets" or "any premium customer" raises urgency or pages another policy. A firing row makes
-- each rule act at most once per incident, whichever node links the ticket that tips it.
CREATE TABLE impact_rules (
  tenant_id    uuid        NOT NULL,
  id           uuid        NOT NULL,
  name         text        NOT NULL,
  min_tickets  integer     CHECK (min_tickets >= 1),
  tier         text,
  action       text        NOT NULL CHECK (action IN ('raise_urgency', 'add_responders')),
  policy_id    uuid,
  enabled      boolean     NOT NULL DEFAULT true,
  created_at   timestamptz NOT NULL,
  updated_at   timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id) REFERENCES tenants (id),
  FOREIGN KEY (tenant_id, policy_id) REFERENCES escalation_policies (tenant_id, id),
  CHECK (min_tickets IS NOT NULL OR tier IS NOT NULL),
  CHECK ((action = 'add_responders') = (policy_id IS NOT NULL))
);
CREATE UNIQUE INDEX impact_rules_name_unique ON impact_rules (tenant_id, lower(name));

CREATE TABLE impact_rule_firings (
  tenant_id   uuid        NOT NULL,
  rule_id     uuid        NOT NULL,
  incident_id uuid        NOT NULL,
  fired_at    timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, rule_id, incident_id),
  FOREIGN KEY (tenant_id, rule_id) REFERENCES impact_rules (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, incident_id) REFERENCES incidents (tenant_id, id) ON DELETE CASCADE
);

-- What a linked ticket suggests replying to its customer when its incident changes. Without a
-- row for an event, the built-in text applies.
CREATE TABLE message_templates (
  tenant_id  uuid        NOT NULL,
  event      text        NOT NULL CHECK (event IN ('acknowledged', 'status_update', 'resolved')),
  body       text        NOT NULL,
  updated_at timestamptz NOT NULL,
  updated_by text        NOT NULL,
  PRIMARY KEY (tenant_id, event),
  FOREIGN KEY (tenant_id) REFERENCES tenants (id)
);

ALTER TABLE impact_rules ENABLE ROW LEVEL SECURITY;
ALTER TABLE impact_rules FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON impact_rules
  USING (tenant_id = switchboard_current_tenant())
  WITH CHECK (tenant_id = switchboard_current_tenant());

ALTER TABLE impact_rule_firings ENABLE ROW LEVEL SECURITY;
ALTER TABLE impact_rule_firings FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON impact_rule_firings
  USING (tenant_id = switchboard_current_tenant())
  WITH CHECK (tenant_id = switchboard_current_tenant());

ALTER TABLE message_templates ENABLE ROW LEVEL SECURITY;
ALTER TABLE message_templates FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON message_templates
  USING (tenant_id = switchboard_current_tenant())
  WITH CHECK (tenant_id = switchboard_current_tenant());
--rollback DROP TABLE message_templates; DROP TABLE impact_rule_firings; DROP TABLE impact_rules;
