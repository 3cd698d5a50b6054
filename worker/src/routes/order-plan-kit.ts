// What every order-action plan shares: the plan's shape, the live order (read from the store and mirrored in D1), and
// how amounts and refusals are put. The plans themselves are in order-plans-money.ts and order-plans-edits.ts.
import type { ActivityKey } from "../../../shared/rules/activity";
import type { Allowed } from "../../../shared/rules/order-actions";
import { fromCents } from "../../../shared/rules/money";
import type { Discount, OrderActionKind, StoreOrder } from "../../../shared/schemas";
import type { Env } from "../env";
import { HttpError } from "../http/errors";
import { readTimeout } from "../integrations/shopify-admin";
import { fetchStoreOrder } from "../integrations/shopify-orders";
import { storeOrder } from "../integrations/shopify-ingest";
import { orderOr404, present, requireStore, storeWriteError, workspaceStore } from "./order-store";

export interface PlanContext {
  env: Env;
  workspaceId: string;
  key: string;
  /** What an earlier attempt of this action prepared for the store (kept in the ledger), to resend unchanged. */
  prepared?: unknown;
  /** A retry after an attempt whose outcome is unknown (lost answer): the store may already have done it. */
  retry?: boolean;
}

export interface Executed {
  order?: StoreOrder;
  discount?: Discount;
  replacement?: StoreOrder;
  /** The activity line on the ticket (who is filled in by the runner). */
  activity: { key: ActivityKey; params: Record<string, string> };
  /** The money actually given, when the store says it differs from the plan. */
  amountCents?: number;
}

export interface Plan {
  kind: OrderActionKind;
  order: StoreOrder | null;
  ticketId: string | null;
  amountCents: number | null;
  currency: string | null;
  percent: number | null;
  reason: string | null;
  /** "Refund of $80.00 on #1001" — English; the panel renders its own from `params`. */
  summary: string;
  params: Record<string, string>;
  /** The store request as prepared now, kept with the action so a retry after a lost answer repeats it exactly. */
  prepared?: unknown;
  execute(): Promise<Executed>;
}

/** "$80.00" in English, with the raw value and currency kept for the panel to format in the agent's language. */
/** The ledger fields of a plan that gives no money away (address, note and tags). */
export const GIVES_NOTHING = { amountCents: null, currency: null, percent: null, reason: null } as const;

export function moneyParams(cents: number, currency: string) {
  const value = fromCents(cents);
  let amount: string;
  try {
    amount = new Intl.NumberFormat("en-US", { style: "currency", currency }).format(cents / 100);
  } catch {
    amount = `${value} ${currency}`;
  }
  return { amount, value, currency };
}

export const refuseUnless = (allowed: Allowed, code: string) => {
  if (!allowed.ok) throw new HttpError(409, code, allowed.reason);
};

/** The order as the store has it now (mirrored in D1): what the action may do depends on its current state. */
export async function storeAndOrder(ctx: PlanContext, orderId: string) {
  const known = await orderOr404(ctx.env, ctx.workspaceId, orderId);
  const { conn: maybe, shopDomain } = await workspaceStore(ctx.env, ctx.workspaceId);
  const conn = requireStore(maybe);
  const live = await fetchStoreOrder(ctx.env, conn, known.id, { timeoutMs: readTimeout(ctx.env) * 2 }).catch(storeWriteError);
  if (!live) throw new HttpError(404, "not_found", `The store no longer has order ${known.name}.`);
  await storeOrder(ctx.env, ctx.workspaceId, { ...live, profileId: known.profileId }, null);
  return { order: { ...live, profileId: known.profileId }, conn, show: present(shopDomain) };
}

/** Mirrors the store's answer in D1 and reads it back as the API presents it. */
export async function mirror(ctx: PlanContext, order: StoreOrder, profileId: string | null, show: (o: StoreOrder) => StoreOrder) {
  await storeOrder(ctx.env, ctx.workspaceId, { ...order, profileId: order.profileId ?? profileId }, null);
  return show(await orderOr404(ctx.env, ctx.workspaceId, order.id));
}
