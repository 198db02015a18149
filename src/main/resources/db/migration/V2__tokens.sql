-- SCIM bearer tokens (generated ones and OAuth access tokens), OAuth clients, expiry notices.
-- Only SHA-256 hashes of tokens and secrets are stored: they are 256-bit random values, so a
-- slow password hash would add nothing, and the hash must be looked up on every SCIM call.

CREATE TABLE oauth_client (
  id VARCHAR(36) PRIMARY KEY,
  tenant_id VARCHAR(36) NOT NULL REFERENCES tenant (id),
  client_id VARCHAR(80) NOT NULL,
  secret_hash VARCHAR(64) NOT NULL,
  name VARCHAR(200) NOT NULL,
  created_at TIMESTAMP NOT NULL,
  created_by VARCHAR(320) NOT NULL
);
CREATE UNIQUE INDEX oauth_client_client_id_uq ON oauth_client (client_id);
CREATE INDEX oauth_client_tenant_ix ON oauth_client (tenant_id);

CREATE TABLE scim_token (
  id VARCHAR(36) PRIMARY KEY,
  tenant_id VARCHAR(36) NOT NULL REFERENCES tenant (id),
  kind VARCHAR(20) NOT NULL,
  oauth_client_id VARCHAR(36),
  token_hash VARCHAR(64) NOT NULL,
  created_at TIMESTAMP NOT NULL,
  created_by VARCHAR(320) NOT NULL,
  expires_at TIMESTAMP NOT NULL,
  revoked_at TIMESTAMP,
  revoked_reason VARCHAR(30),
  last_used_at TIMESTAMP
);
CREATE UNIQUE INDEX scim_token_hash_uq ON scim_token (token_hash);
CREATE INDEX scim_token_tenant_ix ON scim_token (tenant_id, kind, revoked_at);

CREATE TABLE token_notice (
  id VARCHAR(36) PRIMARY KEY,
  token_id VARCHAR(36) NOT NULL REFERENCES scim_token (id),
  tenant_id VARCHAR(36) NOT NULL,
  threshold_days INTEGER NOT NULL,
  status VARCHAR(20) NOT NULL,
  recipients VARCHAR(4000),
  attempts INTEGER NOT NULL,
  last_error VARCHAR(1000),
  claimed_until TIMESTAMP,
  created_at TIMESTAMP NOT NULL,
  sent_at TIMESTAMP
);
-- One notice per token and threshold, whichever instance of a cluster gets there first.
CREATE UNIQUE INDEX token_notice_uq ON token_notice (token_id, threshold_days);
CREATE INDEX token_notice_status_ix ON token_notice (status);
