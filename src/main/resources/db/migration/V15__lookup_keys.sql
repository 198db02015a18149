-- Every SCIM lookup by userName, displayName or externalId uses its own index whatever the
-- planner's statistics say (issue 19). Right after a bulk import, or where autovacuum is late,
-- PostgreSQL believes the users' table empty: every index then costs it the same, and a lookup
-- "tenant_id = ? AND user_name_lower = ?" was answered from (tenant_id, status, id) or
-- (tenant_id, created_at, id), reading the whole tenant. An index is a candidate for a condition on
-- any of its columns, so a lookup names only a column that no other index holds: the tenant and
-- the key in one column, kept by the application (scim/control/LookupKey).
-- A lookup by id (the primary key) has the same rivals in every index that holds the id: on
-- PostgreSQL those of the users' lists become partial indexes (V16, LookupPlanIndexes), and the
-- console's list and export, which show preserved accounts too, use (tenant_id, created_at).
ALTER TABLE scim_user ADD COLUMN user_key VARCHAR(600);
ALTER TABLE scim_user ADD COLUMN external_key VARCHAR(600);
UPDATE scim_user SET user_key = tenant_id || ':' || user_name_lower,
  external_key = CASE WHEN external_id IS NULL THEN NULL ELSE tenant_id || ':' || external_id END;
ALTER TABLE scim_user ALTER COLUMN user_key SET NOT NULL;
CREATE UNIQUE INDEX scim_user_key_uq ON scim_user (user_key);
CREATE INDEX scim_user_external_key_ix ON scim_user (external_key);
CREATE INDEX scim_user_tenant_created_at_ix ON scim_user (tenant_id, created_at);
DROP INDEX scim_user_external_id_ix;

ALTER TABLE scim_group ADD COLUMN group_key VARCHAR(600);
ALTER TABLE scim_group ADD COLUMN external_key VARCHAR(600);
UPDATE scim_group SET group_key = tenant_id || ':' || display_name_lower,
  external_key = CASE WHEN external_id IS NULL THEN NULL ELSE tenant_id || ':' || external_id END;
ALTER TABLE scim_group ALTER COLUMN group_key SET NOT NULL;
CREATE UNIQUE INDEX scim_group_key_uq ON scim_group (group_key);
CREATE INDEX scim_group_external_key_ix ON scim_group (external_key);
DROP INDEX scim_group_external_id_ix;
