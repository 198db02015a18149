-- Cluster-safe caches (issue 19; platform/ClusterCaches): a change that must end cached access on
-- every member (a token revoked or replaced, a tenant's SCIM access closed) raises the epoch in its
-- own transaction; every member reads the epoch every 100 ms and acknowledges what it saw here,
-- and the changing call answers once every live member has acknowledged.
CREATE TABLE cache_epoch (
  id INTEGER PRIMARY KEY,
  epoch BIGINT NOT NULL
);
INSERT INTO cache_epoch (id, epoch) VALUES (1, 0);

CREATE TABLE cache_member (
  member_id VARCHAR(36) PRIMARY KEY,
  seen_epoch BIGINT NOT NULL,
  seen_at TIMESTAMP NOT NULL
);
