-- Local development only: what the fake Shopify store (/dev/fake-shopify) keeps besides orders — discount codes,
-- draft orders, refund ledgers and idempotency keys. Empty in a deployed workspace.
CREATE TABLE dev_fake_store (
  workspace_id TEXT NOT NULL,
  kind TEXT NOT NULL,
  key TEXT NOT NULL,
  value_json TEXT NOT NULL,
  PRIMARY KEY (workspace_id, kind, key)
);
