--liquibase formatted sql

--changeset switchboard:026-create-sms-reply-codes
-- One phone can be on call in several tenants, and incident numbers are per tenant: "1A" from a
-- phone paged by two tenants' incident #1 names neither. Each SMS page carries a reply code that
-- is unique per phone among its recent pages: the incident number when no other recent page to the
-- phone uses it, otherwise the smallest free number. A reply acts only on a page made to that phone
-- (as the user and contact method it went to), and asks when it cannot tell which.
-- Like sms_numbers, this table is read before any tenant is known, so it has no row-level policy;
-- it holds routing only (ids and numbers), never incident content.
CREATE TABLE sms_reply_codes (
  phone_number      text        NOT NULL,
  code              bigint      NOT NULL CHECK (code >= 1),
  tenant_id         uuid        NOT NULL REFERENCES tenants (id),
  incident_id       uuid        NOT NULL,
  incident_number   bigint      NOT NULL,
  user_id           uuid        NOT NULL,
  contact_method_id uuid        NOT NULL,
  paged_at          timestamptz NOT NULL,
  PRIMARY KEY (phone_number, code),
  UNIQUE (phone_number, tenant_id, incident_id),
  FOREIGN KEY (tenant_id, incident_id) REFERENCES incidents (tenant_id, id) ON DELETE CASCADE,
  -- Deleting a contact method takes its routing with it.
  FOREIGN KEY (tenant_id, contact_method_id)
    REFERENCES contact_methods (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX sms_reply_codes_by_user ON sms_reply_codes (tenant_id, user_id);
CREATE INDEX sms_reply_codes_by_method ON sms_reply_codes (tenant_id, contact_method_id);
--rollback DROP TABLE sms_reply_codes;
