--liquibase formatted sql

--changeset switchboard:008-create-escalation-policies
-- An escalation policy is an ordered list of steps; each step pages its targets and waits
-- delay_minutes before the next. After the last step the policy starts over, repeat_count times.
CREATE TABLE escalation_policies (
  tenant_id    uuid        NOT NULL,
  id           uuid        NOT NULL,
  name         text        NOT NULL,
  description  text        NOT NULL DEFAULT '',
  repeat_count integer     NOT NULL CHECK (repeat_count BETWEEN 0 AND 9),
  created_at   timestamptz NOT NULL,
  updated_at   timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id) REFERENCES tenants (id)
);
CREATE UNIQUE INDEX escalation_policies_name_unique ON escalation_policies (tenant_id, lower(name));

CREATE TABLE escalation_steps (
  tenant_id     uuid    NOT NULL,
  policy_id     uuid    NOT NULL,
  position      integer NOT NULL CHECK (position >= 0),
  delay_minutes integer NOT NULL CHECK (delay_minutes BETWEEN 1 AND 1440),
  PRIMARY KEY (tenant_id, policy_id, position),
  FOREIGN KEY (tenant_id, policy_id) REFERENCES escalation_policies (tenant_id, id) ON DELETE CASCADE
);

-- A target names a user, a schedule (whoever is on call when the step fires) or a team (every
-- member, or one member in turn). The id is not a foreign key: deleting a schedule must not be
-- blocked by a policy, and the engine records a target it can no longer find on the timeline.
CREATE TABLE escalation_targets (
  tenant_id         uuid    NOT NULL,
  policy_id         uuid    NOT NULL,
  position          integer NOT NULL,
  target_index      integer NOT NULL,
  target_type       text    NOT NULL CHECK (target_type IN ('user', 'schedule', 'team')),
  target_id         uuid    NOT NULL,
  team_mode         text    CHECK (team_mode IN ('all', 'round_robin')),
  round_robin_next  integer NOT NULL DEFAULT 0,
  PRIMARY KEY (tenant_id, policy_id, position, target_index),
  FOREIGN KEY (tenant_id, policy_id, position)
    REFERENCES escalation_steps (tenant_id, policy_id, position) ON DELETE CASCADE,
  CHECK ((target_type = 'team') = (team_mode IS NOT NULL))
);

ALTER TABLE services ADD COLUMN escalation_policy_id uuid;
ALTER TABLE services ADD FOREIGN KEY (tenant_id, escalation_policy_id)
  REFERENCES escalation_policies (tenant_id, id);

ALTER TABLE escalation_policies ENABLE ROW LEVEL SECURITY;
ALTER TABLE escalation_policies FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON escalation_policies
  USING (tenant_id = switchboard_current_tenant())
  WITH CHECK (tenant_id = switchboard_current_tenant());

ALTER TABLE escalation_steps ENABLE ROW LEVEL SECURITY;
ALTER TABLE escalation_steps FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON escalation_steps
  USING (tenant_id = switchboard_current_tenant())
  WITH CHECK (tenant_id = switchboard_current_tenant());

ALTER TABLE escalation_targets ENABLE ROW LEVEL SECURITY;
ALTER TABLE escalation_targets FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON escalation_targets
  USING (tenant_id = switchboard_current_tenant())
  WITH CHECK (tenant_id = switchboard_current_tenant());
--rollback ALTER TABLE services DROP COLUMN escalation_policy_id; DROP TABLE escalation_targets; DROP TABLE escalation_steps; DROP TABLE escalation_policies;
