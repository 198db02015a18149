-- The console's user search (issue 18): any part of userName, email, display name or externalId,
-- ignoring case, over one column. PostgreSQL indexes it with trigrams (V14, a Java migration, since
-- H2 has no such index: there the search reads the tenant's rows, correct and slower).
ALTER TABLE scim_user ADD COLUMN search_text VARCHAR(2100);
UPDATE scim_user SET search_text = LOWER(CONCAT_WS(' ', user_name, email, display_name, external_id));
