-- Every SCIM list answers an exact totalResults: COUNT(*) of the tenant's users that are not
-- preserved. With status in an index beside tenant_id, PostgreSQL counts from the index alone
-- (an index-only scan) instead of reading every row of the tenant: 52 ms -> 23 ms for a tenant of
-- 101,000 users (README "Performance").
CREATE INDEX scim_user_tenant_status_ix ON scim_user (tenant_id, status, id);
