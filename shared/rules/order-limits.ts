// Per-role limits on what an agent gives away on their own (settings.orders.limits). Above its role's limit an action
// becomes a request an admin or owner approves; the panel uses the same rule to say so before the agent confirms.
import type { OrderActionKind, OrderLimits, Role } from "../schemas";

export interface Giving {
  kind: OrderActionKind;
  /** Money given (refund, fixed discount, replacement), in hundredths; null for a percentage code or no money. */
  amountCents: number | null;
  /** A percentage discount's percent. */
  percent: number | null;
}

/** The limit that applies, in the shop's currency (or percent); null: none. */
export function limitFor(role: Role, limits: OrderLimits, g: Giving): number | null {
  if (role === "owner" || role === "analyst") return null;
  const l = limits[role];
  if (g.kind === "discount") return g.percent !== null ? l.discountPercent : l.discount;
  if (g.kind === "refund" || g.kind === "replacement" || g.kind === "cancel") return l.refund; // cancelling with a refund gives money back
  return null;
}

export function needsApproval(role: Role, limits: OrderLimits, g: Giving): boolean {
  const limit = limitFor(role, limits, g);
  if (limit === null) return false;
  if (g.kind === "discount" && g.percent !== null) return g.percent > limit;
  return (g.amountCents ?? 0) > Math.round(limit * 100);
}
