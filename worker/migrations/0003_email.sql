-- Email channel: route inbound mail by the workspace's inbound address, and keep the full MIME of local outbox emails.

-- Lower-cased settings.email.inboundAddress, kept in sync when settings are saved; one workspace per address.
ALTER TABLE settings ADD COLUMN inbound_email TEXT;
UPDATE settings SET inbound_email = lower(json_extract(settings_json, '$.email.inboundAddress'))
  WHERE json_extract(settings_json, '$.email.inboundAddress') IS NOT NULL;
CREATE UNIQUE INDEX settings_by_inbound_email ON settings (inbound_email) WHERE inbound_email IS NOT NULL;

-- The RFC 5322 message the worker would have sent (email rows of the local outbox only).
ALTER TABLE outbox ADD COLUMN mime TEXT;
