// What the order routes share: the workspace's store connection, store-first reads that fall back to D1,
// and how an order is presented (with its store-admin link).
import type { OrderSource, StoreOrder } from "../../../shared/schemas";
import type { Env } from "../env";
import { secretsKey } from "../config";
import { loadSettings, openSecrets } from "../db/settings";
import { getOrder } from "../db/orders";
import { HttpError, notFound } from "../http/errors";
import { readTimeout, storeConnection, StoreUnavailable, type StoreConnection } from "../integrations/shopify-admin";
import { StoreRefused } from "../integrations/shopify-orders";
import { dbFor, directory } from "../db/shards";

export async function workspaceStore(env: Env, workspaceId: string): Promise<{ conn: StoreConnection | null; shopDomain: string | null }> {
  const { settings, sealed } = await loadSettings(directory(env), workspaceId);
  const secrets = await openSecrets(secretsKey(env), workspaceId, sealed);
  return { conn: storeConnection(settings, secrets), shopDomain: settings.shopify.shopDomain };
}

export function requireStore(conn: StoreConnection | null): StoreConnection {
  if (!conn) throw new HttpError(409, "store_not_connected", "No store is connected: set the shop domain and Admin API token in Settings → Store.");
  return conn;
}

/**
 * Refreshes from the store (bounded by the read timeout), then answers from D1 either way. `source` says whether the
 * store was reached; when it was not, `storeError` says why. Without a store connection the answer is D1's alone.
 */
export async function storeFirst<T>(
  env: Env,
  conn: StoreConnection | null,
  refresh: (conn: StoreConnection, timeoutMs: number) => Promise<void>,
  read: () => Promise<T>,
) {
  let source: OrderSource = "cache";
  let storeError: string | undefined;
  if (conn) {
    try {
      await refresh(conn, readTimeout(env));
      source = "store";
    } catch (err) {
      if (!(err instanceof StoreUnavailable)) throw err;
      storeError = err.message;
    }
  }
  return { value: await read(), source, ...(storeError ? { storeError } : {}) };
}

/** Order ids in URLs: Shopify's numeric id, or its GID. */
export function orderIdParam(raw: string): string {
  const decoded = decodeURIComponent(raw);
  const id = /^(?:gid:\/\/shopify\/Order\/)?(\d{1,20})$/.exec(decoded)?.[1];
  if (!id) throw notFound("order");
  return id;
}

export async function orderOr404(env: Env, workspaceId: string, id: string): Promise<StoreOrder> {
  const order = await getOrder(dbFor(env, workspaceId), workspaceId, id);
  if (!order) throw notFound("order");
  return order;
}

export const present =
  (shopDomain: string | null) =>
  (o: StoreOrder): StoreOrder =>
    shopDomain ? { ...o, adminUrl: `https://${shopDomain}/admin/orders/${o.id}` } : o;

/** Store failures on a write: a refusal is the merchant's store saying no (422); anything else is the store being unreachable. */
export function storeWriteError(err: unknown): never {
  if (err instanceof StoreRefused) {
    throw new HttpError(
      422,
      "store_refused",
      `The store refused: ${err.message}`,
      err.errors.map((e) => ({ path: e.field?.join(".") ?? "", message: e.message, ...(e.code ? { code: e.code } : {}) })),
    );
  }
  if (err instanceof StoreUnavailable) {
    throw err.kind === "unauthorized"
      ? new HttpError(502, "store_unauthorized", err.message)
      : new HttpError(503, "store_unavailable", `${err.message} The change was not confirmed; check the order in the store admin before retrying.`);
  }
  throw err;
}
