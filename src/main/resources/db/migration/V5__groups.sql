-- SCIM groups. Membership is one row per (group, user): adding or removing one member is one
-- indexed insert or delete, whatever the size of the group.

CREATE TABLE scim_group (
  id VARCHAR(36) PRIMARY KEY,
  tenant_id VARCHAR(36) NOT NULL REFERENCES tenant (id),
  display_name VARCHAR(512) NOT NULL,
  display_name_lower VARCHAR(512) NOT NULL,
  external_id VARCHAR(512),
  created_at TIMESTAMP NOT NULL,
  last_modified TIMESTAMP NOT NULL,
  version BIGINT NOT NULL
);
CREATE UNIQUE INDEX scim_group_name_uq ON scim_group (tenant_id, display_name_lower);
CREATE INDEX scim_group_external_id_ix ON scim_group (tenant_id, external_id);

CREATE TABLE group_member (
  group_id VARCHAR(36) NOT NULL REFERENCES scim_group (id),
  user_id VARCHAR(36) NOT NULL REFERENCES scim_user (id),
  PRIMARY KEY (group_id, user_id)
);
CREATE INDEX group_member_user_ix ON group_member (user_id);

-- Refused calls are logged with their method and path as the operation.
ALTER TABLE provisioning_log ALTER COLUMN operation SET DATA TYPE VARCHAR(200);
