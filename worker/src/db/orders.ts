// D1 access for store orders: versioned upserts (an older updated_at never overwrites a newer one) and lookups.
import { OrderLineItem, StoreOrder } from "../../../shared/schemas";

interface OrderRow {
  id: string;
  name: string;
  order_number: number | null;
  profile_id: string | null;
  customer_id: string | null;
  email: string | null;
  phone: string | null;
  financial_status: string | null;
  fulfillment_status: string | null;
  cancelled_at: number | null;
  currency: string;
  total_price: string;
  line_items_json: string;
  admin_graphql_id: string | null;
  details_json: string | null;
  created_at: number;
  updated_at: number;
}

const COLUMNS = `id, name, order_number, profile_id, customer_id, email, phone, financial_status, fulfillment_status, cancelled_at,
  currency, total_price, line_items_json, admin_graphql_id, details_json, created_at, updated_at`;
const iso = (ms: number) => new Date(ms).toISOString();

/** The lookup queries, exported so their plans are checked against the indexes (test/worker/store/order-query-plan). */
export const ORDER_SQL = {
  // Ids first, through the name and number indexes: selecting every column directly, SQLite's planner would rather
  // walk all of the workspace's orders by primary key (an OR, or a plain name match, gets that plan too).
  byName: `SELECT ${COLUMNS} FROM orders WHERE workspace_id = ?1 AND id IN (
      SELECT id FROM orders WHERE workspace_id = ?1 AND name IN (?2, ?3) UNION SELECT id FROM orders WHERE workspace_id = ?1 AND order_number = ?4)
    ORDER BY created_at DESC LIMIT ?5`,
  byProfile: `SELECT ${COLUMNS} FROM orders WHERE workspace_id = ?1 AND profile_id = ?2 ORDER BY created_at DESC LIMIT ?3`,
  facts: "SELECT total_price, currency, created_at, cancelled_at FROM orders WHERE workspace_id = ?1 AND profile_id = ?2 ORDER BY created_at DESC LIMIT 2000",
};
const LineItems = OrderLineItem.array();
/** The order's details kept as one JSON column (details_json); missing in rows stored before migration 0011. */
const Details = StoreOrder.pick({ fulfillments: true, shippingAddress: true, shippingPrice: true, totalRefunded: true, note: true, tags: true });
const details = (o: StoreOrder) =>
  JSON.stringify({
    fulfillments: o.fulfillments,
    shippingAddress: o.shippingAddress,
    shippingPrice: o.shippingPrice,
    totalRefunded: o.totalRefunded,
    note: o.note,
    tags: o.tags,
  });

export const toOrder = (r: OrderRow): StoreOrder => ({
  id: r.id,
  adminGraphqlId: r.admin_graphql_id ?? `gid://shopify/Order/${r.id}`,
  name: r.name,
  orderNumber: r.order_number,
  profileId: r.profile_id,
  customerId: r.customer_id,
  email: r.email,
  phone: r.phone,
  financialStatus: r.financial_status,
  fulfillmentStatus: r.fulfillment_status,
  cancelledAt: r.cancelled_at === null ? null : iso(r.cancelled_at),
  currency: r.currency,
  totalPrice: r.total_price,
  lineItems: LineItems.parse(JSON.parse(r.line_items_json)),
  createdAt: iso(r.created_at),
  updatedAt: iso(r.updated_at),
  ...Details.parse(r.details_json ? JSON.parse(r.details_json) : {}),
});

/**
 * Inserts or updates the order unless D1 already holds a newer version. A null profileId keeps the stored link.
 * Returns whether this version was applied.
 */
export async function upsertOrder(db: D1Database, workspaceId: string, o: StoreOrder): Promise<{ applied: boolean }> {
  const row = await db
    .prepare(
      `INSERT INTO orders (workspace_id, id, name, order_number, profile_id, customer_id, email, phone, financial_status, fulfillment_status,
       cancelled_at, currency, total_price, line_items_json, admin_graphql_id, created_at, updated_at, details_json)
     VALUES (?1, ?2, ?3, ?4, ?5, ?6, ?7, ?8, ?9, ?10, ?11, ?12, ?13, ?14, ?15, ?16, ?17, ?18)
     ON CONFLICT(workspace_id, id) DO UPDATE SET
       name = excluded.name, order_number = excluded.order_number, profile_id = COALESCE(excluded.profile_id, orders.profile_id),
       customer_id = COALESCE(excluded.customer_id, orders.customer_id), email = excluded.email, phone = excluded.phone,
       financial_status = excluded.financial_status, fulfillment_status = excluded.fulfillment_status, cancelled_at = excluded.cancelled_at,
       currency = excluded.currency, total_price = excluded.total_price, line_items_json = excluded.line_items_json,
       admin_graphql_id = excluded.admin_graphql_id, created_at = excluded.created_at, updated_at = excluded.updated_at,
       details_json = excluded.details_json
     WHERE excluded.updated_at >= orders.updated_at
     RETURNING id`,
    )
    .bind(
      workspaceId,
      o.id,
      o.name,
      o.orderNumber,
      o.profileId,
      o.customerId,
      o.email,
      o.phone,
      o.financialStatus,
      o.fulfillmentStatus,
      o.cancelledAt === null ? null : Date.parse(o.cancelledAt),
      o.currency,
      o.totalPrice,
      JSON.stringify(o.lineItems),
      o.adminGraphqlId,
      Date.parse(o.createdAt),
      Date.parse(o.updatedAt),
      details(o),
    )
    .first<{ id: string }>();
  return { applied: row !== null };
}

export async function getOrder(db: D1Database, workspaceId: string, id: string): Promise<StoreOrder | null> {
  const row = await db.prepare(`SELECT ${COLUMNS} FROM orders WHERE workspace_id = ?1 AND id = ?2`).bind(workspaceId, id).first<OrderRow>();
  return row ? toOrder(row) : null;
}

/** "#1001" or "1001": by name (with or without the #) or by order number. */
export async function findOrdersByName(db: D1Database, workspaceId: string, q: string, limit = 20): Promise<StoreOrder[]> {
  const bare = q.trim().replace(/^#/, "");
  const number = /^\d{1,15}$/.test(bare) ? Number(bare) : null;
  const { results } = await db.prepare(ORDER_SQL.byName).bind(workspaceId, q.trim(), `#${bare}`, number, limit).all<OrderRow>();
  return results.map(toOrder);
}

export async function listProfileOrders(db: D1Database, workspaceId: string, profileId: string, limit = 10): Promise<StoreOrder[]> {
  const { results } = await db.prepare(ORDER_SQL.byProfile).bind(workspaceId, profileId, limit).all<OrderRow>();
  return results.map(toOrder);
}

/** Every order of a profile, reduced to what the stats need (a customer has hundreds at most). */
export async function profileOrderFacts(db: D1Database, workspaceId: string, profileId: string) {
  const { results } = await db
    .prepare(ORDER_SQL.facts)
    .bind(workspaceId, profileId)
    .all<{ total_price: string; currency: string; created_at: number; cancelled_at: number | null }>();
  return results.map((r) => ({
    totalPrice: r.total_price,
    currency: r.currency,
    createdAt: iso(r.created_at),
    cancelledAt: r.cancelled_at === null ? null : iso(r.cancelled_at),
  }));
}

/**
 * Marks an order cancelled right after the store accepted the cancellation (its job runs asynchronously).
 * updated_at is left alone so the store's own orders/cancelled webhook still applies over it.
 */
export async function markOrderCancelled(db: D1Database, workspaceId: string, id: string, at: number) {
  await db.prepare("UPDATE orders SET cancelled_at = COALESCE(cancelled_at, ?3) WHERE workspace_id = ?1 AND id = ?2").bind(workspaceId, id, at).run();
}

/** The newest orders of a workspace (the dev fake store searches these). */
export async function listWorkspaceOrders(db: D1Database, workspaceId: string, limit = 500): Promise<StoreOrder[]> {
  const { results } = await db
    .prepare(`SELECT ${COLUMNS} FROM orders WHERE workspace_id = ?1 ORDER BY created_at DESC LIMIT ?2`)
    .bind(workspaceId, limit)
    .all<OrderRow>();
  return results.map(toOrder);
}
