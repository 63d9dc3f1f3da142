--liquibase formatted sql

--changeset switchboard:013-create-paging-windows
-- When a service's incidents page. Support hours: low-urgency incidents wait for them (high
-- urgency always pages); stored as {"timeZone": "...", "windows": [{startDay, startTime, endDay,
-- endTime}]}, null meaning around the clock. Maintenance windows: incidents still open, nobody is
-- paged, and escalation starts when the window ends.
ALTER TABLE services ADD COLUMN support_hours jsonb;

CREATE TABLE maintenance_windows (
  tenant_id  uuid        NOT NULL,
  id         uuid        NOT NULL,
  service_id uuid        NOT NULL,
  starts_at  timestamptz NOT NULL,
  ends_at    timestamptz NOT NULL,
  reason     text        NOT NULL DEFAULT '',
  created_by text        NOT NULL,
  created_at timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, service_id) REFERENCES services (tenant_id, id) ON DELETE CASCADE,
  CHECK (ends_at > starts_at)
);
CREATE INDEX maintenance_windows_by_service ON maintenance_windows (tenant_id, service_id, ends_at);

ALTER TABLE maintenance_windows ENABLE ROW LEVEL SECURITY;
ALTER TABLE maintenance_windows FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON maintenance_windows
  USING (tenant_id = switchboard_current_tenant())
  WITH CHECK (tenant_id = switchboard_current_tenant());
--rollback DROP TABLE maintenance_windows; ALTER TABLE services DROP COLUMN support_hours;
