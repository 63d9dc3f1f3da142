--liquibase formatted sql

--changeset switchboard:006-create-schedules
-- Schedules, their layers (rotations) and overrides. Layers are versioned, never edited in
-- place: a change from instant T ends the old row at T (ends_at) and inserts a new row at the
-- same position starting at T, so shifts before T are computed from exactly what was in force.
CREATE TABLE schedules (
  tenant_id   uuid        NOT NULL,
  id          uuid        NOT NULL,
  name        text        NOT NULL,
  description text        NOT NULL DEFAULT '',
  time_zone   text        NOT NULL,
  team_id     uuid,
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id) REFERENCES tenants (id),
  FOREIGN KEY (tenant_id, team_id) REFERENCES teams (tenant_id, id)
);
CREATE UNIQUE INDEX schedules_name_unique ON schedules (tenant_id, lower(name));

-- participants: user ids in rotation order (a user may appear twice). Users are never deleted,
-- only deactivated, and writes check that each id is a user of the tenant.
-- restrictions: [{"startDay":"MONDAY","startTime":"18:00","endDay":"TUESDAY","endTime":"09:00"}]
CREATE TABLE schedule_layers (
  tenant_id     uuid        NOT NULL,
  id            uuid        NOT NULL,
  schedule_id   uuid        NOT NULL,
  position      integer     NOT NULL CHECK (position >= 0),
  name          text        NOT NULL,
  starts_at     timestamptz NOT NULL,
  ends_at       timestamptz,
  turn_kind     text        NOT NULL CHECK (turn_kind IN ('hours', 'days', 'weeks', 'weekly')),
  turn_count    integer     CHECK (turn_count > 0),
  handoff_day   text        CHECK (handoff_day IN ('MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY', 'SUNDAY')),
  handoff_time  time,
  participants  uuid[]      NOT NULL CHECK (cardinality(participants) > 0),
  restrictions  jsonb       NOT NULL DEFAULT '[]',
  replaces_id   uuid,
  created_at    timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, schedule_id) REFERENCES schedules (tenant_id, id) ON DELETE CASCADE,
  CHECK (ends_at IS NULL OR ends_at > starts_at),
  CHECK ((turn_kind = 'weekly') = (handoff_day IS NOT NULL AND handoff_time IS NOT NULL)),
  CHECK ((turn_kind = 'weekly') = (turn_count IS NULL))
);
CREATE INDEX schedule_layers_by_schedule ON schedule_layers (tenant_id, schedule_id, position, starts_at);

-- sequence orders overlapping overrides: the later one wins.
CREATE TABLE schedule_overrides (
  tenant_id    uuid        NOT NULL,
  id           uuid        NOT NULL,
  schedule_id  uuid        NOT NULL,
  user_id      uuid        NOT NULL,
  starts_at    timestamptz NOT NULL,
  ends_at      timestamptz NOT NULL,
  sequence     bigint      GENERATED ALWAYS AS IDENTITY,
  note         text        NOT NULL DEFAULT '',
  created_by   uuid        NOT NULL,
  created_at   timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, schedule_id) REFERENCES schedules (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id),
  FOREIGN KEY (tenant_id, created_by) REFERENCES users (tenant_id, id),
  CHECK (ends_at > starts_at)
);
CREATE INDEX schedule_overrides_by_time ON schedule_overrides (tenant_id, schedule_id, ends_at, starts_at);

-- Secret calendar feed URLs, one per schedule or per user; revocable. Token stored hashed.
CREATE TABLE calendar_feeds (
  tenant_id    uuid        NOT NULL,
  id           uuid        NOT NULL,
  schedule_id  uuid,
  user_id      uuid,
  token_hash   bytea       NOT NULL,
  created_by   uuid        NOT NULL,
  created_at   timestamptz NOT NULL,
  revoked_at   timestamptz,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, token_hash),
  FOREIGN KEY (tenant_id, schedule_id) REFERENCES schedules (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id),
  FOREIGN KEY (tenant_id, created_by) REFERENCES users (tenant_id, id),
  CHECK ((schedule_id IS NULL) <> (user_id IS NULL))
);

ALTER TABLE schedules ENABLE ROW LEVEL SECURITY;
ALTER TABLE schedules FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON schedules
  USING (tenant_id = switchboard_current_tenant())
  WITH CHECK (tenant_id = switchboard_current_tenant());

ALTER TABLE schedule_layers ENABLE ROW LEVEL SECURITY;
ALTER TABLE schedule_layers FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON schedule_layers
  USING (tenant_id = switchboard_current_tenant())
  WITH CHECK (tenant_id = switchboard_current_tenant());

ALTER TABLE schedule_overrides ENABLE ROW LEVEL SECURITY;
ALTER TABLE schedule_overrides FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON schedule_overrides
  USING (tenant_id = switchboard_current_tenant())
  WITH CHECK (tenant_id = switchboard_current_tenant());

ALTER TABLE calendar_feeds ENABLE ROW LEVEL SECURITY;
ALTER TABLE calendar_feeds FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON calendar_feeds
  USING (tenant_id = switchboard_current_tenant())
  WITH CHECK (tenant_id = switchboard_current_tenant());
--rollback DROP TABLE calendar_feeds; DROP TABLE schedule_overrides; DROP TABLE schedule_layers; DROP TABLE schedules;
