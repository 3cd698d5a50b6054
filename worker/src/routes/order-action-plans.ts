// What each order action is before it runs: its order, the money it gives away (for limits, the ledger and reports),
// an English summary, and the one step that changes the store. The runner (order-action-runner.ts) decides whether
// it runs now or waits for an admin; an approved request is planned again from its stored body.
import type { ZodTypeAny } from "zod";
import { CancelOrderBody, type OrderActionKind } from "../../../shared/schemas";
import { AddressBody, DiscountBody, OrderNoteBody, RefundBody, ReplacementBody } from "../../../shared/schemas/order-actions";
import type { Plan, PlanContext } from "./order-plan-kit";
import { planAddress, planNote } from "./order-plans-edits";
import { planCancel, planDiscount, planRefund, planReplacement } from "./order-plans-money";

export { moneyParams, type Executed, type Plan, type PlanContext } from "./order-plan-kit";

export const PLANNERS: Record<OrderActionKind, { body: ZodTypeAny; plan: (ctx: PlanContext, orderId: string | null, body: never) => Promise<Plan> }> = {
  refund: { body: RefundBody, plan: planRefund },
  discount: { body: DiscountBody, plan: planDiscount },
  address: { body: AddressBody, plan: planAddress },
  note: { body: OrderNoteBody, plan: planNote },
  replacement: { body: ReplacementBody, plan: planReplacement },
  cancel: { body: CancelOrderBody, plan: planCancel },
};
