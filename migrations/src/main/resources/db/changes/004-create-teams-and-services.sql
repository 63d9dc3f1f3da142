--liquibase formatted sql

--changeset switchboard:004-create-teams-and-services
CREATE TABLE teams (
  tenant_id   uuid        NOT NULL,
  id          uuid        NOT NULL,
  name        text        NOT NULL,
  kind        text        NOT NULL CHECK (kind IN ('engineering', 'support')),
  description text        NOT NULL DEFAULT '',
  created_at  timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id) REFERENCES tenants (id)
);
CREATE UNIQUE INDEX teams_name_unique ON teams (tenant_id, lower(name));

CREATE TABLE team_members (
  tenant_id  uuid        NOT NULL,
  team_id    uuid        NOT NULL,
  user_id    uuid        NOT NULL,
  added_at   timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, team_id, user_id),
  FOREIGN KEY (tenant_id, team_id) REFERENCES teams (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id)
);

CREATE TABLE services (
  tenant_id   uuid        NOT NULL,
  id          uuid        NOT NULL,
  name        text        NOT NULL,
  description text        NOT NULL DEFAULT '',
  team_id     uuid        NOT NULL,
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, team_id) REFERENCES teams (tenant_id, id)
);
CREATE UNIQUE INDEX services_name_unique ON services (tenant_id, lower(name));

ALTER TABLE teams ENABLE ROW LEVEL SECURITY;
ALTER TABLE teams FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON teams
  USING (tenant_id = switchboard_current_tenant())
  WITH CHECK (tenant_id = switchboard_current_tenant());

ALTER TABLE team_members ENABLE ROW LEVEL SECURITY;
ALTER TABLE team_members FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON team_members
  USING (tenant_id = switchboard_current_tenant())
  WITH CHECK (tenant_id = switchboard_current_tenant());

ALTER TABLE services ENABLE ROW LEVEL SECURITY;
ALTER TABLE services FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON services
  USING (tenant_id = switchboard_current_tenant())
  WITH CHECK (tenant_id = switchboard_current_tenant());
--rollback DROP TABLE services; DROP TABLE team_members; DROP TABLE teams;
