-- Profiles, mappings (ordered classification of new users), the provisioning log, and the
-- classification a user got.

CREATE TABLE profile (
  id VARCHAR(36) PRIMARY KEY,
  tenant_id VARCHAR(36) NOT NULL REFERENCES tenant (id),
  name VARCHAR(200) NOT NULL,
  name_lower VARCHAR(200) NOT NULL,
  max_users INTEGER NOT NULL,
  data_lock BOOLEAN NOT NULL,
  -- the live number of accounts in the profile; raised with a conditional update so that
  -- max_users is never exceeded, even by concurrent creates
  user_count INTEGER NOT NULL,
  created_at TIMESTAMP NOT NULL,
  version BIGINT NOT NULL
);
CREATE UNIQUE INDEX profile_name_uq ON profile (tenant_id, name_lower);

CREATE TABLE mapping (
  id VARCHAR(36) PRIMARY KEY,
  tenant_id VARCHAR(36) NOT NULL REFERENCES tenant (id),
  name VARCHAR(200) NOT NULL,
  priority INTEGER NOT NULL,
  all_users BOOLEAN NOT NULL,
  criterion_attribute VARCHAR(500),
  criterion_values VARCHAR(20000),
  region_id VARCHAR(36) NOT NULL REFERENCES storage_region (id),
  profile_id VARCHAR(36) NOT NULL REFERENCES profile (id),
  quota_gb INTEGER NOT NULL,
  send_activation_email BOOLEAN NOT NULL,
  created_at TIMESTAMP NOT NULL,
  version BIGINT NOT NULL
);
CREATE INDEX mapping_tenant_ix ON mapping (tenant_id, priority);

-- One row per tenant whose version guards the order of its mappings: two reorders at once
-- cannot both commit (optimistic lock), so the order is never corrupted.
CREATE TABLE mapping_order (
  tenant_id VARCHAR(36) PRIMARY KEY REFERENCES tenant (id),
  version BIGINT NOT NULL
);

ALTER TABLE scim_user ADD COLUMN profile_id VARCHAR(36);
ALTER TABLE scim_user ADD COLUMN region_id VARCHAR(36);
ALTER TABLE scim_user ADD COLUMN mapping_id VARCHAR(36);
ALTER TABLE scim_user ADD COLUMN quota_gb INTEGER;
CREATE INDEX scim_user_profile_ix ON scim_user (profile_id);

CREATE TABLE provisioning_log (
  id VARCHAR(36) PRIMARY KEY,
  tenant_id VARCHAR(36) NOT NULL,
  at TIMESTAMP NOT NULL,
  operation VARCHAR(20) NOT NULL,
  outcome VARCHAR(10) NOT NULL,
  reason VARCHAR(40),
  http_status INTEGER NOT NULL,
  user_id VARCHAR(36),
  user_name VARCHAR(512),
  user_name_lower VARCHAR(512),
  email_lower VARCHAR(320),
  mapping_name VARCHAR(200),
  detail VARCHAR(2000),
  remedy VARCHAR(1000)
);
CREATE INDEX provisioning_log_tenant_ix ON provisioning_log (tenant_id, at);
CREATE INDEX provisioning_log_user_ix ON provisioning_log (tenant_id, user_name_lower);
CREATE INDEX provisioning_log_email_ix ON provisioning_log (tenant_id, email_lower);
