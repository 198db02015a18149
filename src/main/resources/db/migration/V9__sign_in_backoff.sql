-- Failed sign-ins are no longer a lock on the account (anyone could keep an owner out with a few
-- wrong passwords): the sign-in throttle backs off per client address in memory instead.
ALTER TABLE administrator DROP COLUMN failed_logins;
ALTER TABLE administrator DROP COLUMN locked_until;
