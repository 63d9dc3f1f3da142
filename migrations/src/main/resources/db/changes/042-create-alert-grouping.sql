--liquibase formatted sql

--changeset switchboard:042-create-alert-grouping
-- A service's own limit on the incidents a storm of distinct alert keys opens (issue 12): at most
-- incidents_per_window new incidents per window_seconds; beyond it new alerts attach to the
-- service's newest open incident. A service without a row, or a NULL column, takes the product
-- default (alerts.incidentsPerWindow, alerts.groupingWindow). Owned by the alert package, so the
-- services table stays the team package's; the row goes with its service.
CREATE TABLE alert_grouping (
  tenant_id            uuid        NOT NULL,
  service_id           uuid        NOT NULL,
  incidents_per_window integer     CHECK (incidents_per_window BETWEEN 1 AND 100),
  window_seconds       integer     CHECK (window_seconds BETWEEN 60 AND 86400),
  updated_at           timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, service_id),
  FOREIGN KEY (tenant_id, service_id) REFERENCES services (tenant_id, id) ON DELETE CASCADE
);
ALTER TABLE alert_grouping ENABLE ROW LEVEL SECURITY;
ALTER TABLE alert_grouping FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON alert_grouping
  USING (tenant_id = switchboard_current_tenant())
  WITH CHECK (tenant_id = switchboard_current_tenant());
--rollback DROP TABLE alert_grouping;
