-- filter emails eq (issue 19): the value comes first in the values' lookup index, so that a lookup
-- naming the value alone reads only its rows. The primary key (user_id, attribute, item_position)
-- holds the attribute too, and with the statistics of an empty table PostgreSQL may read all of it
-- for a condition on the attribute; the lookup therefore names the value only and checks the
-- attribute on the rows found (UserStore.byEmail).
CREATE INDEX scim_user_value_value_ix ON scim_user_value (item_value_lower, attribute);
DROP INDEX scim_user_value_lookup_ix;
