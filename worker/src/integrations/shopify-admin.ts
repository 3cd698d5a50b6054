// Shopify Admin GraphQL client (@shopify/admin-api-client over fetch) with a per-call timeout and typed failures.
// SHOPIFY_ADMIN_BASE re-points https://<shop>/admin/... at a fake (local dev); tests replace Shopify at fetch itself.
import { createAdminApiClient } from "@shopify/admin-api-client";
import type { ZodTypeAny, z } from "zod";
import type { Secrets, Settings } from "../../../shared/schemas/settings";
import type { Env } from "../env";

/** The Admin API version Sidedesk is written against (latest stable at the time of writing). */
export const SHOPIFY_API_VERSION = "2026-10";
const DEFAULT_READ_TIMEOUT_MS = 2500;
const WRITE_TIMEOUT_MS = 15_000;

export interface StoreConnection {
  shopDomain: string;
  accessToken: string;
  countryCode: string;
}

/** The workspace's store, when it is connected (shop domain and Admin API token both set). */
export function storeConnection(settings: Settings, secrets: Secrets): StoreConnection | null {
  const { shopDomain, countryCode } = settings.shopify;
  const accessToken = secrets.shopifyAdminToken;
  return shopDomain && accessToken ? { shopDomain, accessToken, countryCode } : null;
}

/** Why a call to the store failed: it did not answer in time / at all, refused the token, or answered nonsense. */
export class StoreUnavailable extends Error {
  constructor(
    message: string,
    readonly kind: "unavailable" | "unauthorized" | "bad_response",
  ) {
    super(message);
  }
}

export const readTimeout = (env: Env) => Number(env.SHOPIFY_TIMEOUT_MS) || DEFAULT_READ_TIMEOUT_MS;

export interface CallOptions {
  timeoutMs?: number;
}

/** Runs one GraphQL operation and parses `data` with `schema`; throws StoreUnavailable on any transport or API error. */
export async function adminCall<S extends ZodTypeAny>(
  env: Env,
  conn: StoreConnection,
  query: string,
  variables: Record<string, unknown>,
  schema: S,
  opts: CallOptions = {},
): Promise<z.output<S>> {
  const timeoutMs = opts.timeoutMs ?? WRITE_TIMEOUT_MS;
  const client = createAdminApiClient({
    storeDomain: conn.shopDomain,
    apiVersion: SHOPIFY_API_VERSION,
    accessToken: conn.accessToken,
    retries: 0,
    logger: () => {}, // the client would console.warn once the pinned version leaves Shopify's support window
    customFetchApi: (url, init) =>
      fetch(adminUrl(env, url), {
        method: init?.method,
        headers: init?.headers,
        body: init?.body,
        signal: AbortSignal.timeout(timeoutMs),
      }),
  });
  const answer = await client.request(query, { variables });
  if (answer.errors) {
    const status = answer.errors.networkStatusCode;
    if (status === 401 || status === 403) throw new StoreUnavailable("The store refused the Admin API token; check Settings → Store.", "unauthorized");
    const gql = answer.errors.graphQLErrors?.map((e) => e.message).join("; ");
    if (gql) throw new StoreUnavailable(`The store rejected the request: ${gql}`, "bad_response");
    throw new StoreUnavailable(`The store did not answer (${status ? `HTTP ${status}` : (answer.errors.message ?? "no response")}).`, "unavailable");
  }
  const parsed = schema.safeParse(answer.data);
  if (!parsed.success) throw new StoreUnavailable("The store answered in an unexpected shape.", "bad_response");
  return parsed.data;
}

/** https://<shop>/admin/api/... → <SHOPIFY_ADMIN_BASE>/<shop>/admin/api/... when the override is set. */
export function adminUrl(env: Env, url: string): string {
  if (!env.SHOPIFY_ADMIN_BASE) return url;
  const u = new URL(url);
  return `${env.SHOPIFY_ADMIN_BASE.replace(/\/$/, "")}/${u.host}${u.pathname}${u.search}`;
}
