--liquibase formatted sql

--changeset switchboard:014-add-sms-rate-limits
-- Per-number send times (epoch milliseconds) for the SMS rate limit (at most one a minute, a few per quarter hour),
-- and the incidents of the last bundled SMS, so that a bare "A" acknowledges all of them.
ALTER TABLE sms_numbers ADD COLUMN recent_sends bigint[] NOT NULL DEFAULT '{}';
ALTER TABLE sms_numbers ADD COLUMN last_bundle bigint[];
--rollback ALTER TABLE sms_numbers DROP COLUMN last_bundle; ALTER TABLE sms_numbers DROP COLUMN recent_sends;
