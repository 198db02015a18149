-- Administrator lifecycle (issue 16): disabled accounts, a version of each account's credentials
-- and role that every cached sign-in is compared with, unlocking of sign-in backoff, and
-- single-use password-reset tokens.
--   disabled            a disabled administrator cannot sign in by any means; enabling restores it.
--   credential_version  incremented by every change of password, role or disabled state: a sign-in
--                       cached by any instance is reused only while it still matches.
--   unlocked_at         when an administrator last lifted this account's sign-in backoff: every
--                       instance forgets the failures of this email counted before then.
--   backoff_at          when a sign-in to this account last started (or extended) a backoff, on any
--                       instance: what the list of administrators shows.
--   backoff_notice_at   when the owner was last emailed about a backoff (at most one mail an hour).
ALTER TABLE administrator ADD COLUMN disabled BOOLEAN DEFAULT FALSE NOT NULL;
ALTER TABLE administrator ADD COLUMN credential_version BIGINT DEFAULT 0 NOT NULL;
ALTER TABLE administrator ADD COLUMN unlocked_at TIMESTAMP;
ALTER TABLE administrator ADD COLUMN backoff_at TIMESTAMP;
ALTER TABLE administrator ADD COLUMN backoff_notice_at TIMESTAMP;

-- A password reset: only the SHA-256 of its token is kept. used_at is set exactly once, by a
-- conditional update, so a link works once however many instances receive it at the same moment.
-- issued_by is the administrator who issued it for someone else (null: asked for by email).
CREATE TABLE password_reset (
  id VARCHAR(36) PRIMARY KEY,
  administrator_id VARCHAR(36) NOT NULL REFERENCES administrator (id) ON DELETE CASCADE,
  token_hash VARCHAR(64) NOT NULL,
  created_at TIMESTAMP NOT NULL,
  expires_at TIMESTAMP NOT NULL,
  used_at TIMESTAMP,
  issued_by VARCHAR(320)
);
CREATE UNIQUE INDEX password_reset_hash_ix ON password_reset (token_hash);
CREATE INDEX password_reset_administrator_ix ON password_reset (administrator_id, created_at);
