--liquibase formatted sql

--changeset switchboard:030-create-outbound-webhooks
-- Outbound helpdesk webhooks (issue 10). An endpoint subscribes to event types; publishing an
-- event writes one delivery per subscribed enabled endpoint in the publisher's transaction, and
-- the sender posts it after commit, retrying with backoff. The secret signs every request, so it
-- is kept as issued (shown to the tenant only when created or rotated).
CREATE TABLE webhook_endpoints (
  tenant_id   uuid        NOT NULL,
  id          uuid        NOT NULL,
  url         text        NOT NULL,
  description text        NOT NULL DEFAULT '',
  events      text[]      NOT NULL CHECK (cardinality(events) > 0),
  enabled     boolean     NOT NULL DEFAULT true,
  secret      text        NOT NULL,
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id) REFERENCES tenants (id)
);

-- payload is the request body exactly as first built, so every attempt and every redelivery sends
-- the same bytes. claimed_until is a sender's lease on an attempt in flight: a sender that died
-- mid-call leaves a lease that runs out, and the row is taken again.
CREATE TABLE webhook_deliveries (
  tenant_id        uuid        NOT NULL,
  id               uuid        NOT NULL,
  endpoint_id      uuid        NOT NULL,
  event_id         uuid        NOT NULL,
  event_type       text        NOT NULL,
  payload          text        NOT NULL,
  status           text        NOT NULL CHECK (status IN ('pending', 'delivered', 'failed')),
  attempts         integer     NOT NULL DEFAULT 0,
  last_status_code integer,
  last_error       text,
  response_snippet text,
  next_attempt_at  timestamptz,
  claimed_until    timestamptz,
  redelivery_of    uuid,
  created_at       timestamptz NOT NULL,
  updated_at       timestamptz NOT NULL,
  delivered_at     timestamptz,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id, endpoint_id) REFERENCES webhook_endpoints (tenant_id, id) ON DELETE CASCADE
);
CREATE INDEX webhook_deliveries_by_endpoint
  ON webhook_deliveries (tenant_id, endpoint_id, created_at DESC, id);
CREATE INDEX webhook_deliveries_due ON webhook_deliveries (next_attempt_at)
  WHERE status = 'pending';

ALTER TABLE webhook_endpoints ENABLE ROW LEVEL SECURITY;
ALTER TABLE webhook_endpoints FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON webhook_endpoints
  USING (tenant_id = switchboard_current_tenant())
  WITH CHECK (tenant_id = switchboard_current_tenant());

ALTER TABLE webhook_deliveries ENABLE ROW LEVEL SECURITY;
ALTER TABLE webhook_deliveries FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON webhook_deliveries
  USING (tenant_id = switchboard_current_tenant())
  WITH CHECK (tenant_id = switchboard_current_tenant());
-- The sender's recurring job reads (tenant, id) of due deliveries across tenants in a transaction
-- that sets switchboard.scope; it claims and sends each in its tenant's scope. SELECT only.
CREATE POLICY webhook_sender_reads ON webhook_deliveries FOR SELECT
  USING (current_setting('switchboard.scope', true) = 'webhook-sender');
--rollback DROP TABLE webhook_deliveries; DROP TABLE webhook_endpoints;
