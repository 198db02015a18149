-- Personal API tokens: automation signs in with one of these instead of an email and password on
-- every call. Only the SHA-256 of a token is stored; a revoked token stays as a record.
CREATE TABLE api_token (
  id VARCHAR(36) PRIMARY KEY,
  administrator_id VARCHAR(36) NOT NULL REFERENCES administrator (id) ON DELETE CASCADE,
  name VARCHAR(200) NOT NULL,
  token_hash VARCHAR(64) NOT NULL,
  created_at TIMESTAMP NOT NULL,
  revoked_at TIMESTAMP
);
CREATE UNIQUE INDEX api_token_hash_ix ON api_token (token_hash);
CREATE INDEX api_token_administrator_ix ON api_token (administrator_id);
