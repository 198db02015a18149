-- The provisioning doctor (issue 17): what a failed placement tested, looked up by reason; the
-- alerts, each recorded once per onset; the per-tenant alert settings.

-- For NO_MAPPING_MATCHED: the values the IdP sent for the attributes the mappings tested
-- ({"title":["Clerk"],"department":[]}), so a proposed order can be replayed against them.
ALTER TABLE provisioning_log ADD COLUMN tested_values VARCHAR(2000);
CREATE INDEX provisioning_log_reason_ix ON provisioning_log (tenant_id, reason, at);
CREATE INDEX provisioning_log_operation_ix ON provisioning_log (tenant_id, operation, at);

-- A condition that started for a tenant. open_key is 'OPEN' while the condition lasts and NULL
-- once it ended, so the unique index admits one open alert per (tenant, kind, subject) however many
-- members evaluate it at once: the insert that wins is the onset, and only its member mails it.
CREATE TABLE tenant_alert (
  id VARCHAR(36) PRIMARY KEY,
  tenant_id VARCHAR(36) NOT NULL,
  kind VARCHAR(40) NOT NULL,
  subject VARCHAR(200) NOT NULL,
  open_key VARCHAR(4),
  started_at TIMESTAMP NOT NULL,
  ended_at TIMESTAMP,
  summary VARCHAR(1000) NOT NULL,
  delivery VARCHAR(10) NOT NULL,
  claimed_at TIMESTAMP,
  sent_at TIMESTAMP,
  recipients VARCHAR(2000),
  error VARCHAR(1000)
);
CREATE UNIQUE INDEX tenant_alert_open_ux ON tenant_alert (tenant_id, kind, subject, open_key);
CREATE INDEX tenant_alert_tenant_ix ON tenant_alert (tenant_id, started_at);
CREATE INDEX tenant_alert_delivery_ix ON tenant_alert (delivery, started_at);

-- The daily digest of a tenant's open alerts: a row per tenant and day, inserted once.
CREATE TABLE tenant_alert_digest (
  tenant_id VARCHAR(36) NOT NULL,
  digest_day DATE NOT NULL,
  sent_at TIMESTAMP NOT NULL,
  PRIMARY KEY (tenant_id, digest_day)
);

-- What an administrator set: after how many silent days the IdP counts as silent, and how many
-- failures in an hour are a spike.
CREATE TABLE alert_settings (
  tenant_id VARCHAR(36) PRIMARY KEY,
  idp_silent_days INTEGER NOT NULL,
  failure_spike_per_hour INTEGER NOT NULL
);
