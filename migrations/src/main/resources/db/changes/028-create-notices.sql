--liquibase formatted sql

--changeset switchboard:028-create-notices
-- A notice tells one person something (an SLA about to breach, a surge of similar tickets); it is
-- not a page: nobody acknowledges it and nothing escalates. Written in the transaction of the
-- decision that makes it, sent after commit by email (a verified address) or else SMS, retried
-- by the notice sweeper. next_attempt_at doubles as the claim: a sender moves it ahead before it
-- calls the provider, so a node that dies mid-send leaves the notice to the sweeper.
CREATE TABLE notices (
  tenant_id           uuid        NOT NULL,
  id                  uuid        NOT NULL,
  user_id             uuid        NOT NULL,
  subject             text        NOT NULL,
  body                text        NOT NULL,
  status              text        NOT NULL CHECK (status IN ('pending', 'sent', 'failed')),
  attempts            integer     NOT NULL DEFAULT 0,
  next_attempt_at     timestamptz NOT NULL,
  channel             text        CHECK (channel IN ('sms', 'email')),
  provider            text,
  provider_message_id text,
  last_error          text,
  created_at          timestamptz NOT NULL,
  sent_at             timestamptz,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, user_id) REFERENCES users (tenant_id, id)
);
CREATE INDEX notices_due ON notices (next_attempt_at) WHERE status = 'pending';
CREATE INDEX notices_by_user ON notices (tenant_id, user_id, created_at DESC);

ALTER TABLE notices ENABLE ROW LEVEL SECURITY;
ALTER TABLE notices FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON notices
  USING (tenant_id = switchboard_current_tenant())
  WITH CHECK (tenant_id = switchboard_current_tenant());
-- The sweeper reads (tenant, id) of due notices across tenants in a transaction that sets
-- switchboard.scope, then sends each in its tenant's scope. SELECT only.
CREATE POLICY notice_sweeper_reads ON notices FOR SELECT
  USING (current_setting('switchboard.scope', true) = 'notice-sweeper');
--rollback DROP TABLE notices;
