-- SCIM users. The SCIM representation as stored (core, enterprise extension, user principal name)
-- is kept as JSON; the attributes that filters, sorting and uniqueness need are columns, and the
-- values of multi-valued attributes are rows of scim_user_value, so that every filter is a query.

CREATE TABLE scim_user (
  id VARCHAR(36) PRIMARY KEY,
  tenant_id VARCHAR(36) NOT NULL REFERENCES tenant (id),
  status VARCHAR(20) NOT NULL,
  user_name VARCHAR(512) NOT NULL,
  user_name_lower VARCHAR(512) NOT NULL,
  external_id VARCHAR(512),
  display_name VARCHAR(512),
  given_name VARCHAR(256),
  family_name VARCHAR(256),
  nick_name VARCHAR(256),
  title VARCHAR(256),
  user_type VARCHAR(256),
  preferred_language VARCHAR(64),
  locale VARCHAR(64),
  timezone VARCHAR(64),
  active BOOLEAN NOT NULL,
  email VARCHAR(320),
  email_lower VARCHAR(320),
  account_name VARCHAR(512) NOT NULL,
  user_principal_name VARCHAR(512),
  employee_number VARCHAR(256),
  cost_center VARCHAR(256),
  organization VARCHAR(256),
  division VARCHAR(256),
  department VARCHAR(256),
  manager_id VARCHAR(256),
  resource_json VARCHAR(1000000) NOT NULL,
  created_at TIMESTAMP NOT NULL,
  last_modified TIMESTAMP NOT NULL,
  version BIGINT NOT NULL
);
-- userName is unique per tenant ignoring case; the account email across all tenants.
CREATE UNIQUE INDEX scim_user_user_name_uq ON scim_user (tenant_id, user_name_lower);
CREATE UNIQUE INDEX scim_user_email_uq ON scim_user (email_lower);
CREATE INDEX scim_user_external_id_ix ON scim_user (tenant_id, external_id);
CREATE INDEX scim_user_tenant_created_ix ON scim_user (tenant_id, created_at, id);
CREATE INDEX scim_user_tenant_id_ix ON scim_user (tenant_id, id);

CREATE TABLE scim_user_value (
  user_id VARCHAR(36) NOT NULL REFERENCES scim_user (id),
  attribute VARCHAR(40) NOT NULL,
  item_position INTEGER NOT NULL,
  item_value VARCHAR(2048),
  item_value_lower VARCHAR(2048),
  item_type VARCHAR(128),
  item_type_lower VARCHAR(128),
  primary_flag BOOLEAN NOT NULL,
  display VARCHAR(512),
  PRIMARY KEY (user_id, attribute, item_position)
);
CREATE INDEX scim_user_value_lookup_ix ON scim_user_value (attribute, item_value_lower);
