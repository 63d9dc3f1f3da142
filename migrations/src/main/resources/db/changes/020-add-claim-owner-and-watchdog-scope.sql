--liquibase formatted sql

--changeset switchboard:020-add-claim-owner-and-watchdog-scope
-- Which scheduler instance (Quartz's instanceId) claimed a message: the sweeper takes over the
-- claims of an instance whose cluster check-ins stopped, without waiting for the stale window.
ALTER TABLE notifications ADD COLUMN claimed_by text;

-- The sweeper also looks for delayed messages ("scheduled") whose Quartz job never sent them.
DROP INDEX notifications_unsent;
CREATE INDEX notifications_unsent ON notifications (due_at)
  WHERE status IN ('scheduled', 'pending', 'sending');

-- The escalation watchdog reads (tenant, incident, escalation, position, next_at) of overdue
-- escalations across tenants, in a transaction that sets switchboard.scope; it then fires each
-- step in its tenant's scope. SELECT only: that scope can change nothing.
CREATE POLICY escalation_watchdog_reads ON escalations FOR SELECT
  USING (current_setting('switchboard.scope', true) = 'escalation-watchdog');
CREATE INDEX escalations_due ON escalations (next_at) WHERE state IN ('active', 'waiting');
--rollback DROP INDEX escalations_due; DROP POLICY escalation_watchdog_reads ON escalations; DROP INDEX notifications_unsent; CREATE INDEX notifications_unsent ON notifications (due_at) WHERE status IN ('pending', 'sending'); ALTER TABLE notifications DROP COLUMN claimed_by;
