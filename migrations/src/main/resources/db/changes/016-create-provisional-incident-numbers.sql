--liquibase formatted sql

--changeset switchboard:016-create-provisional-incident-numbers
-- A trigger numbers its incident last, just before commit, so that the tenant's incident_counters
-- row is locked for two statements instead of the whole trigger (concurrent triggers of a tenant
-- queued on it). Until then the row carries a negative number from this sequence: unique, so it
-- never meets UNIQUE (tenant_id, number), and never visible, since it is replaced in the same
-- transaction. Not tenant data: the numbers mean nothing and repeat no tenant's.
CREATE SEQUENCE incident_provisional_numbers;
--rollback DROP SEQUENCE incident_provisional_numbers;
