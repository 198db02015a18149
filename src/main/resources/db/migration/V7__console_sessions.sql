-- Console sign-ins. The HTTP session (replicated between the instances of a cluster) names its row
-- here; every request checks the row, and signing out deletes it, so a session ends at once on
-- every instance, whatever copy of it another instance still holds.
CREATE TABLE console_session (
  id VARCHAR(36) PRIMARY KEY,
  administrator_id VARCHAR(36) NOT NULL REFERENCES administrator (id),
  created_at TIMESTAMP NOT NULL,
  expires_at TIMESTAMP NOT NULL
);
CREATE INDEX console_session_expires_ix ON console_session (expires_at);
CREATE INDEX console_session_administrator_ix ON console_session (administrator_id);
