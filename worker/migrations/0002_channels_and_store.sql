-- Email threading, store (Shopify) data and webhook de-duplication for the web chat, email and store channels.

-- Every Message-ID seen or sent in a workspace, mapped to the root of its thread (which names the ticket object).
CREATE TABLE email_messages (
  workspace_id TEXT NOT NULL,
  message_id TEXT NOT NULL,
  root_id TEXT NOT NULL,
  created_at INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, message_id)
) WITHOUT ROWID;
CREATE INDEX email_messages_by_root ON email_messages (workspace_id, root_id);

-- Provider deliveries already processed (Shopify X-Shopify-Webhook-Id, ...).
CREATE TABLE webhook_deliveries (
  workspace_id TEXT NOT NULL,
  provider TEXT NOT NULL,
  delivery_id TEXT NOT NULL,
  received_at INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, provider, delivery_id)
) WITHOUT ROWID;

CREATE TABLE store_customers (
  workspace_id TEXT NOT NULL,
  id TEXT NOT NULL,
  profile_id TEXT,
  email TEXT,
  phone TEXT,
  first_name TEXT,
  last_name TEXT,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, id)
) WITHOUT ROWID;
CREATE INDEX store_customers_by_profile ON store_customers (workspace_id, profile_id);

CREATE TABLE orders (
  workspace_id TEXT NOT NULL,
  id TEXT NOT NULL,
  name TEXT NOT NULL,
  order_number INTEGER,
  profile_id TEXT,
  customer_id TEXT,
  email TEXT,
  phone TEXT,
  financial_status TEXT,
  fulfillment_status TEXT,
  cancelled_at INTEGER,
  currency TEXT NOT NULL DEFAULT 'USD',
  total_price TEXT NOT NULL DEFAULT '0',
  line_items_json TEXT NOT NULL DEFAULT '[]',
  admin_graphql_id TEXT,
  created_at INTEGER NOT NULL,
  updated_at INTEGER NOT NULL,
  PRIMARY KEY (workspace_id, id)
) WITHOUT ROWID;
CREATE INDEX orders_by_profile ON orders (workspace_id, profile_id, created_at DESC);
CREATE INDEX orders_by_name ON orders (workspace_id, name);
CREATE INDEX orders_by_number ON orders (workspace_id, order_number);
