--liquibase formatted sql

--changeset switchboard:009-create-contact-methods
-- Where a user can be reached. Phone numbers are E.164; a method pages only once verified_at is
-- set (the user typed back the code sent to it). disabled_at is set when the number replied STOP.
CREATE TABLE contact_methods (
  tenant_id             uuid        NOT NULL,
  id                    uuid        NOT NULL,
  user_id               uuid        NOT NULL,
  channel               text        NOT NULL CHECK (channel IN ('sms', 'voice', 'email')),
  address               text        NOT NULL,
  label                 text        NOT NULL DEFAULT '',
  verified_at           timestamptz,
  verification_hash     text,
  verification_sent_at  timestamptz,
  verification_attempts integer     NOT NULL DEFAULT 0,
  disabled_at           timestamptz,
  created_at            timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, user_id, channel, address),
  FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id)
);

-- "SMS at once, email after 2 minutes": one row per method, urgency and delay.
CREATE TABLE notification_rules (
  tenant_id         uuid        NOT NULL,
  id                uuid        NOT NULL,
  user_id           uuid        NOT NULL,
  contact_method_id uuid        NOT NULL,
  urgency           text        NOT NULL CHECK (urgency IN ('high', 'low')),
  delay_minutes     integer     NOT NULL CHECK (delay_minutes BETWEEN 0 AND 1440),
  created_at        timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  UNIQUE (tenant_id, contact_method_id, urgency, delay_minutes),
  FOREIGN KEY (tenant_id, contact_method_id)
    REFERENCES contact_methods (tenant_id, id) ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id)
);
CREATE INDEX notification_rules_by_user ON notification_rules (tenant_id, user_id, urgency);

ALTER TABLE contact_methods ENABLE ROW LEVEL SECURITY;
ALTER TABLE contact_methods FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON contact_methods
  USING (tenant_id = switchboard_current_tenant())
  WITH CHECK (tenant_id = switchboard_current_tenant());

ALTER TABLE notification_rules ENABLE ROW LEVEL SECURITY;
ALTER TABLE notification_rules FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON notification_rules
  USING (tenant_id = switchboard_current_tenant())
  WITH CHECK (tenant_id = switchboard_current_tenant());

-- Inbound SMS arrive with a phone number and nothing else, before any tenant is known. This
-- table routes a number to the tenant and user that last paged it, and holds the per-number
-- state carriers expect (STOP) and our loop guard against auto-responders. It is the one
-- deliberately cross-tenant table besides tenants: it holds routing, never incident content.
CREATE TABLE sms_numbers (
  phone_number         text        PRIMARY KEY,
  tenant_id            uuid        REFERENCES tenants (id),
  user_id              uuid,
  last_incident_number bigint,
  last_messaged_at     timestamptz,
  stopped_at           timestamptz,
  unanswered_replies   integer     NOT NULL DEFAULT 0,
  updated_at           timestamptz NOT NULL
);
--rollback DROP TABLE sms_numbers; DROP TABLE notification_rules; DROP TABLE contact_methods;
