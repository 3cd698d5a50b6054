// Refunds, discount codes, shipping address, note and tags, replacement orders (docs/api.md §15): each carries an
// Idempotency-Key and runs through the ledger (order-action-runner.ts); a refund's amounts can be previewed first.
import { RefundPreviewBody, RefundPreviewResponse } from "../../../shared/schemas/order-actions";
import { canRefund } from "../../../shared/rules/order-actions";
import { agentRoute, type AppRouter } from "../http/agent-route";
import { HttpError, parseOr400, readJson } from "../http/errors";
import { respond } from "../http/respond";
import { readTimeout } from "../integrations/shopify-admin";
import { suggestRefund } from "../integrations/shopify-refunds";
import { requestOrderAction } from "./order-action-runner";
import { orderIdParam, orderOr404, requireStore, storeWriteError, workspaceStore } from "./order-store";

export function registerOrderCompensation(router: AppRouter) {
  router.post(
    "/api/orders/:id/refund/preview",
    agentRoute(async (request, env, who) => {
      const plan = parseOr400(RefundPreviewBody, await readJson(request));
      const order = await orderOr404(env, who.workspace.id, orderIdParam(request.params.id!));
      const allowed = canRefund(order);
      if (!allowed.ok) throw new HttpError(409, "order_not_refundable", allowed.reason);
      const conn = requireStore((await workspaceStore(env, who.workspace.id)).conn);
      const { preview } = await suggestRefund(env, conn, order, plan, true, readTimeout(env) * 2).catch(storeWriteError);
      return respond(RefundPreviewResponse, { preview });
    }),
  );

  for (const kind of ["refund", "address", "note", "replacement"] as const) {
    router.post(
      `/api/orders/:id/${kind}`,
      agentRoute(async (request, env, who) => requestOrderAction(env, who, request, kind, orderIdParam(request.params.id!), await readJson(request))),
    );
  }

  router.post(
    "/api/discounts",
    agentRoute(async (request, env, who) => requestOrderAction(env, who, request, "discount", null, await readJson(request))),
  );
}
