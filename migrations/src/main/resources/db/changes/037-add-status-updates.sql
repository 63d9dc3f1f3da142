--liquibase formatted sql

--changeset switchboard:037-add-status-updates
-- Status updates to the people already paged (issue 12): when an incident they were paged for is
-- acknowledged or resolved, a user who opted in gets a short notice. One switch per person, not per
-- contact method: the update goes to the method that paged them, so the person decides whether,
-- and their paging rules already decide where.
ALTER TABLE users ADD COLUMN status_updates boolean NOT NULL DEFAULT false;

-- A notice may name the contact method it must go to (the one that paged the person); null keeps
-- the default choice (verified email, else SMS). No foreign key: a method deleted before the
-- notice is sent makes the send fail, it must not block the deletion.
ALTER TABLE notices ADD COLUMN contact_method_id uuid;
--rollback ALTER TABLE notices DROP COLUMN contact_method_id; ALTER TABLE users DROP COLUMN status_updates;
