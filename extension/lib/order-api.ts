// The order actions, approvals and macros of the agent API (docs/api.md §15–16). Every action sends the key the
// dialog made when it opened, so a double click or a retry after a network error acts once.
import { MyOrderLimits, OrderActionResponse } from "../../shared/schemas";
import { MacroApplyResponse, MacroList, MacroResponse, type MacroBody } from "../../shared/schemas/macros";
import {
  ApprovalList,
  AuditList,
  RefundPreviewResponse,
  type AddressBody,
  type DiscountBody,
  type OrderNoteBody,
  type RefundBody,
  type RefundPlan,
  type ReplacementBody,
} from "../../shared/schemas/order-actions";
import { z } from "zod";
import { IDEMPOTENCY_HEADER } from "../../shared/schemas";
import type { Api } from "./api";

const enc = encodeURIComponent;
/** A fresh key per dialog opening (a UUID). */
export const newActionKey = () => crypto.randomUUID();

/** Request bodies as sent: defaults (filled in by the worker's schema) may be left out. */
type In<T> = { [K in keyof T]?: T[K] extends object ? In<T[K]> | T[K] : T[K] };
const act = (api: Api, path: string, body: unknown, key: string) =>
  api.request(OrderActionResponse, "POST", path, body, undefined, { [IDEMPOTENCY_HEADER]: key });

export const orderApi = {
  refundPreview: (api: Api, orderId: string, plan: In<RefundPlan>) =>
    api.request(RefundPreviewResponse, "POST", `/api/orders/${enc(orderId)}/refund/preview`, plan).then((r) => r.preview),
  refund: (api: Api, orderId: string, body: Omit<In<RefundBody>, "plan"> & { plan: In<RefundPlan> }, key: string) =>
    act(api, `/api/orders/${enc(orderId)}/refund`, body, key),
  discount: (api: Api, body: In<DiscountBody>, key: string) => act(api, "/api/discounts", body, key),
  address: (api: Api, orderId: string, body: In<AddressBody>, key: string) => act(api, `/api/orders/${enc(orderId)}/address`, body, key),
  note: (api: Api, orderId: string, body: In<OrderNoteBody>, key: string) => act(api, `/api/orders/${enc(orderId)}/note`, body, key),
  replacement: (api: Api, orderId: string, body: In<ReplacementBody>, key: string) => act(api, `/api/orders/${enc(orderId)}/replacement`, body, key),
  audit: (api: Api, cursor: string | null) => api.request(AuditList, "GET", `/api/audit${cursor ? `?cursor=${enc(cursor)}` : ""}`),
  myLimits: (api: Api) => api.request(MyOrderLimits, "GET", "/api/order-limits"),
  approvals: (api: Api) => api.request(ApprovalList, "GET", "/api/approvals").then((r) => r.approvals),
  decide: (api: Api, id: string, decision: "approve" | "decline", reason?: string) =>
    api.request(OrderActionResponse, "POST", `/api/approvals/${enc(id)}/${decision}`, reason ? { reason } : {}),
  macros: (api: Api) => api.request(MacroList, "GET", "/api/macros").then((r) => r.macros),
  saveMacro: (api: Api, id: string | null, body: In<MacroBody>) =>
    api.request(MacroResponse, id ? "PUT" : "POST", id ? `/api/macros/${enc(id)}` : "/api/macros", body).then((r) => r.macro),
  deleteMacro: (api: Api, id: string) => api.request(z.null(), "DELETE", `/api/macros/${enc(id)}`),
  applyMacro: (api: Api, ticketId: string, macroId: string, body: { orderId?: string; dryRun?: boolean }, key: string | null) =>
    api.request(
      MacroApplyResponse,
      "POST",
      `/api/tickets/${enc(ticketId)}/macros/${enc(macroId)}/apply`,
      body,
      undefined,
      key ? { [IDEMPOTENCY_HEADER]: key } : {},
    ),
};
