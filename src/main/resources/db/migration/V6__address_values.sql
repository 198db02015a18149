-- Addresses become filterable (addresses[type eq "work"].country eq "DE"): their parts are
-- columns of the value rows, one row per address.
ALTER TABLE scim_user_value ADD COLUMN street_address VARCHAR(512);
ALTER TABLE scim_user_value ADD COLUMN locality VARCHAR(256);
ALTER TABLE scim_user_value ADD COLUMN region VARCHAR(256);
ALTER TABLE scim_user_value ADD COLUMN postal_code VARCHAR(64);
ALTER TABLE scim_user_value ADD COLUMN country VARCHAR(64);
