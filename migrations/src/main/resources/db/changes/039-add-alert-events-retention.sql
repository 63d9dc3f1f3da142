--liquibase formatted sql

--changeset switchboard:039-add-alert-events-retention
-- alert_events keeps every accepted event; a clustered job deletes processed ones older than
-- alerts.eventRetention, across tenants, in a transaction that sets switchboard.scope. It sees and
-- deletes processed rows only: an unprocessed event is never lost to retention.
CREATE POLICY alert_retention_reads ON alert_events FOR SELECT
  USING (current_setting('switchboard.scope', true) = 'alert-retention'
    AND processed_at IS NOT NULL);
CREATE POLICY alert_retention_deletes ON alert_events FOR DELETE
  USING (current_setting('switchboard.scope', true) = 'alert-retention'
    AND processed_at IS NOT NULL);
--rollback DROP POLICY alert_retention_deletes ON alert_events; DROP POLICY alert_retention_reads ON alert_events;
