--liquibase formatted sql

--changeset switchboard:015-index-quartz-due-triggers
-- Quartz's PostgreSQL delegate binds the time bounds of its acquisition and misfire queries as
-- numeric (setBigDecimal), so PostgreSQL compares next_fire_time::numeric and cannot use the
-- bigint indexes of changeset 007: with 100,000 waiting triggers every acquisition scanned them
-- all, under the cluster lock. This index matches the expression Quartz's queries compare.
CREATE INDEX qrtz_triggers_state_next_fire_numeric
    ON qrtz_triggers (sched_name, trigger_state, (next_fire_time::numeric));
--rollback DROP INDEX qrtz_triggers_state_next_fire_numeric;
