// Per-role limits and approvals: above its role's limit an action waits for an admin or the owner, who approve or
// decline it; the agent sees the outcome on the ticket and in the action's state; only the owner sets the limits.
import { afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { OrderActionResponse } from "../../../shared/schemas";
import { SettingsView } from "../../../shared/schemas/settings-view";
import { ApprovalList, AuditList } from "../../../shared/schemas/order-actions";
import { api, getTicket, type TestWorkspace } from "../helpers";
import { addAgent, newPhone, openTicket } from "../inbox-helpers";
import { ADMIN_TOKEN, orderAction, seedOrder, SHOP, storeWorkspace } from "./store-helpers";
import { installFakeShopify, type FakeShopify } from "./shopify-fake";

let ws: TestWorkspace;
let fake: FakeShopify;
let manager: { id: string; token: string };
const LIMITS = {
  support: { refund: 50, discount: 20, discountPercent: 15 },
  manager: { refund: 200, discount: 100, discountPercent: 30 },
  admin: { refund: 500, discount: null, discountPercent: null },
};
beforeAll(async () => {
  ws = await storeWorkspace({ connected: true });
  manager = await addAgent(ws.owner.token, "Mia Manager", "manager");
  const set = await api(ws.owner.token, "PUT", "/api/settings", { orders: { limits: LIMITS } }, SettingsView);
  if (set.status !== 200) throw new Error(`limits: ${JSON.stringify(set.json)}`);
});
beforeEach(() => {
  fake = installFakeShopify(SHOP, ADMIN_TOKEN);
});
afterEach(() => fake.restore());

const refundCalls = () => fake.calls.filter((c) => c.operation === "refundCreate");
const pending = (token = ws.admin.token) => api(token, "GET", "/api/approvals", undefined, ApprovalList);
const approve = (id: string, token = ws.admin.token) => api(token, "POST", `/api/approvals/${id}/approve`, {}, OrderActionResponse);
const decline = (id: string, reason: string, token = ws.admin.token) => api(token, "POST", `/api/approvals/${id}/decline`, { reason }, OrderActionResponse);

describe("limits", () => {
  it("only the owner sets them; they are in the settings", async () => {
    const byAdmin = await api(ws.admin.token, "PUT", "/api/settings", { orders: { limits: { ...LIMITS, admin: { refund: null } } } });
    expect(byAdmin.status).toBe(403);
    const read = await api(ws.admin.token, "GET", "/api/settings", undefined, SettingsView);
    expect(read.body.orders.limits.support).toEqual({ refund: 50, discount: 20, discountPercent: 15 });
    const log = await api(ws.owner.token, "GET", "/api/audit", undefined, AuditList);
    expect(log.body.entries.some((e) => e.action === "settings.limits" && e.summary.includes("support refund 50"))).toBe(true);
  });

  it("within the limit an action runs at once; the manager's limit is higher than support's", async () => {
    const o = await seedOrder(ws.id, fake);
    const small = await orderAction(ws.support.token, `/api/orders/${o.id}/refund`, { plan: { amount: "50.00" }, reason: "Within" });
    expect(small.status).toBe(200);
    const mid = await orderAction(manager.token, `/api/orders/${o.id}/refund`, { plan: { amount: "149.00" }, reason: "Manager" });
    expect(mid.status).toBe(200);
    expect(refundCalls()).toHaveLength(2);
    const pct = await orderAction(ws.support.token, "/api/discounts", { kind: "percentage", value: 15, reason: "Within" });
    expect(pct.status).toBe(200);
  });
});

describe("approvals", () => {
  it("above the limit: a request, approved by an admin, then done once; every step is on the ticket", async () => {
    const phone = newPhone();
    const t = await openTicket(ws.id, ws.support.token, phone);
    const o = await seedOrder(ws.id, fake, { phone, email: null });
    const asked = await orderAction(ws.support.token, `/api/orders/${o.id}/refund`, { plan: { full: true }, reason: "Never arrived", ticketId: t.id });
    expect(asked.status).toBe(202);
    expect(asked.body.action).toMatchObject({ status: "pending_approval", amount: "199.00", agent: { id: ws.support.id } });
    expect(refundCalls()).toHaveLength(0);

    const queue = await pending();
    expect(queue.body.approvals.map((a) => a.id)).toContain(asked.body.action.id);
    expect((await pending(ws.support.token)).status).toBe(403);
    expect((await approve(asked.body.action.id, ws.support.token)).status).toBe(403);
    expect((await approve(asked.body.action.id, manager.token)).status).toBe(403);

    const done = await approve(asked.body.action.id);
    expect(done.status).toBe(200);
    expect(done.body.action).toMatchObject({ status: "done", decidedBy: { id: ws.admin.id } });
    expect(done.body.order!.financialStatus).toBe("refunded");
    expect(refundCalls()).toHaveLength(1);
    expect((await approve(asked.body.action.id)).status).toBe(409);

    const mine = await api(ws.support.token, "GET", `/api/order-actions/${asked.body.action.id}`, undefined, OrderActionResponse);
    expect(mine.body.action.status).toBe("done");
    expect((await api(ws.support2.token, "GET", `/api/order-actions/${asked.body.action.id}`)).status).toBe(404);

    const keys = (await getTicket(ws.support.token, t.id)).body.messages.filter((m) => m.kind === "activity").map((m) => m.activity?.key);
    expect(keys.slice(-3)).toEqual(["approvalRequested", "approvalApproved", "refunded"]);
    const log = await api(ws.owner.token, "GET", "/api/audit", undefined, AuditList);
    expect(log.body.entries.slice(0, 3).map((e) => e.action)).toEqual(["order.refund", "approval.approved", "approval.requested"]);
  });

  it("a repeat of a pending request is the same request; a declined one tells the agent why", async () => {
    const phone = newPhone();
    const t = await openTicket(ws.id, ws.support.token, phone);
    const key = crypto.randomUUID();
    const body = { kind: "percentage", value: 40, reason: "Angry customer", ticketId: t.id };
    const asked = await orderAction(ws.support.token, "/api/discounts", body, key);
    const again = await orderAction(ws.support.token, "/api/discounts", body, key);
    expect([asked.status, again.status]).toEqual([202, 202]);
    expect(again.body.action.id).toBe(asked.body.action.id);
    const no = await decline(key, "Offer 15 % instead");
    expect(no.body.action).toMatchObject({ status: "declined", declineReason: "Offer 15 % instead", decidedBy: { id: ws.admin.id } });
    const state = await api(ws.support.token, "GET", `/api/order-actions/${key}`, undefined, OrderActionResponse);
    expect(state.body.action.status).toBe("declined");
    expect(fake.calls.some((c) => c.operation === "discountCodeBasicCreate")).toBe(false);
    const last = (await getTicket(ws.support.token, t.id)).body.messages.at(-1)!;
    expect(last.activity?.key).toBe("approvalDeclined");
    expect(last.text).toContain("(Offer 15 % instead)");
    expect((await approve(key)).status).toBe(409);
  });

  it("two admins deciding at once: one wins; nobody approves their own request or above their own limit", async () => {
    const o = await seedOrder(ws.id, fake);
    const asked = await orderAction(ws.support.token, `/api/orders/${o.id}/refund`, { plan: { amount: "120.00" }, reason: "Two admins" });
    const [a, b] = await Promise.all([approve(asked.body.action.id), approve(asked.body.action.id, ws.owner.token)]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect(refundCalls()).toHaveLength(1);

    const big = await seedOrder(ws.id, fake, { total_price: "900.00", current_total_price: "900.00" });
    const adminAsks = await orderAction(ws.admin.token, `/api/orders/${big.id}/refund`, { plan: { amount: "800.00" }, reason: "Admin over limit" });
    expect(adminAsks.status).toBe(202);
    expect((await approve(adminAsks.body.action.id)).status).toBe(403); // their own
    const supportAsks = await orderAction(ws.support.token, `/api/orders/${big.id}/refund`, { plan: { amount: "600.00" }, reason: "Over the admin's limit" });
    expect((await approve(supportAsks.body.action.id)).status).toBe(403); // above the admin's 500
    expect((await approve(supportAsks.body.action.id, ws.owner.token)).status).toBe(200);
  });

  it("an order refunded meanwhile: approving ends the request as refused, with the reason on the ticket", async () => {
    const phone = newPhone();
    const t = await openTicket(ws.id, ws.support.token, phone);
    const o = await seedOrder(ws.id, fake, { phone, email: null });
    const asked = await orderAction(ws.support.token, `/api/orders/${o.id}/refund`, { plan: { amount: "150.00" }, reason: "Meanwhile", ticketId: t.id });
    expect((await orderAction(ws.owner.token, `/api/orders/${o.id}/refund`, { plan: { full: true }, reason: "Owner did it" })).status).toBe(200);
    const res = await approve(asked.body.action.id);
    expect(res.status).toBe(409);
    const state = await api(ws.support.token, "GET", `/api/order-actions/${asked.body.action.id}`, undefined, OrderActionResponse);
    expect(state.body.action).toMatchObject({ status: "failed", error: expect.stringMatching(/nothing left to refund/) });
    expect((await getTicket(ws.support.token, t.id)).body.messages.at(-1)!.activity?.key).toBe("actionFailed");
  });

  it("another workspace's requests are not found", async () => {
    const other = await storeWorkspace({ connected: true });
    const o = await seedOrder(ws.id, fake);
    const asked = await orderAction(ws.support.token, `/api/orders/${o.id}/refund`, { plan: { amount: "120.00" }, reason: "Isolation" });
    expect((await approve(asked.body.action.id, other.owner.token)).status).toBe(404);
    expect((await pending(other.owner.token)).body.approvals).toEqual([]);
  });
});

describe("approvals when the store does not answer", () => {
  it("approving while the store is down puts the request back in the queue; approving again does it once", async () => {
    const o = await seedOrder(ws.id, fake);
    const asked = await orderAction(ws.support.token, `/api/orders/${o.id}/refund`, { plan: { amount: "120.00" }, reason: "Store down" });
    fake.setMode("down");
    const down = await approve(asked.body.action.id);
    expect(down.status).toBe(503);
    expect((await pending()).body.approvals.map((a) => a.id)).toContain(asked.body.action.id);
    fake.setMode("up");
    const ok = await approve(asked.body.action.id);
    expect(ok.status).toBe(200);
    expect(fake.orders.get(o.id)!.totalRefunded).toBe("120.00");
  });

  it("a cancellation whose answer was lost: approving again finds it cancelled and counts it done, once", async () => {
    const o = await seedOrder(ws.id, fake);
    const asked = await orderAction(ws.support.token, `/api/orders/${o.id}/cancel`, { reason: "customer", refund: true, restock: true });
    expect(asked.status).toBe(202);
    fake.loseAnswerTo("orderCancel");
    expect((await approve(asked.body.action.id)).status).toBe(503);
    expect(fake.orders.get(o.id)!.cancelledAt).not.toBeNull(); // the store did it
    const again = await approve(asked.body.action.id);
    expect(again.status).toBe(200);
    expect(again.body.action.status).toBe("done");
    expect(fake.calls.filter((c) => c.operation === "orderCancel")).toHaveLength(1);
  });
});
