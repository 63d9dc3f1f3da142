--liquibase formatted sql

--changeset switchboard:032-create-helpdesk-integrations
-- Inbound helpdesk webhooks (issue 10). A helpdesk posts ticket events to
-- /api/v1/helpdesk-integrations/{id}/events with the integration's secret as a bearer token. Only a
-- SHA-256 of the secret is kept: the secret is shown once, and compared by its hash.
CREATE TABLE helpdesk_integrations (
  tenant_id   uuid        NOT NULL,
  id          uuid        NOT NULL,
  name        text        NOT NULL,
  kind        text        NOT NULL CHECK (kind IN ('generic', 'zendesk')),
  secret_hash bytea       NOT NULL,
  secret_hint text        NOT NULL,
  created_at  timestamptz NOT NULL,
  updated_at  timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, id),
  FOREIGN KEY (tenant_id) REFERENCES tenants (id)
);
-- The inbound endpoint knows only the integration's id: it finds the tenant by it.
CREATE UNIQUE INDEX helpdesk_integrations_by_id ON helpdesk_integrations (id);

-- What the integration last sent for each of its tickets: a replay of the same content (or of the
-- same comment) is recognised and changes nothing.
CREATE TABLE helpdesk_tickets (
  tenant_id       uuid        NOT NULL,
  integration_id  uuid        NOT NULL,
  external_id     text        NOT NULL,
  ticket_id       uuid        NOT NULL,
  content_sha256  text        NOT NULL,
  comment_sha256  text,
  updated_at      timestamptz NOT NULL,
  PRIMARY KEY (tenant_id, integration_id, external_id),
  FOREIGN KEY (tenant_id, integration_id) REFERENCES helpdesk_integrations (tenant_id, id)
    ON DELETE CASCADE,
  FOREIGN KEY (tenant_id, ticket_id) REFERENCES tickets (tenant_id, id) ON DELETE CASCADE
);

ALTER TABLE helpdesk_integrations ENABLE ROW LEVEL SECURITY;
ALTER TABLE helpdesk_integrations FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON helpdesk_integrations
  USING (tenant_id = switchboard_current_tenant())
  WITH CHECK (tenant_id = switchboard_current_tenant());
-- The inbound endpoint reads one integration by id, before it knows the tenant, in a transaction
-- that sets switchboard.scope; everything after runs in that tenant's scope. SELECT only.
CREATE POLICY helpdesk_inbound_reads ON helpdesk_integrations FOR SELECT
  USING (current_setting('switchboard.scope', true) = 'helpdesk-inbound');

ALTER TABLE helpdesk_tickets ENABLE ROW LEVEL SECURITY;
ALTER TABLE helpdesk_tickets FORCE ROW LEVEL SECURITY;
CREATE POLICY tenant_isolation ON helpdesk_tickets
  USING (tenant_id = switchboard_current_tenant())
  WITH CHECK (tenant_id = switchboard_current_tenant());
--rollback DROP TABLE helpdesk_tickets; DROP TABLE helpdesk_integrations;
