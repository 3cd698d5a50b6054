// Reports gain what was given away through order actions: refunds, discount codes and replacements, by agent and by
// reason; requests still waiting or declined are not counted.
import { describe, expect, it } from "vitest";
import { SettingsView } from "../../../shared/schemas/settings-view";
import { Report } from "../../../shared/schemas/report";
import { api, type TestWorkspace } from "../helpers";
import { addAgent } from "../inbox-helpers";
import { orderAction, seedOrder } from "./store-helpers";
import type { FakeShopify } from "./shopify-fake";
import { connectedStore } from "./connected-store";

let ws: TestWorkspace;
let fake: FakeShopify;
connectedStore({ workspace: (w) => (ws = w), fake: (f) => (fake = f) });

describe("compensation in reports", () => {
  it("sums refunds, fixed discounts and replacements per kind, agent and reason", async () => {
    const manager = await addAgent(ws.owner.token, "Mia Manager", "manager");
    await api(ws.owner.token, "PUT", "/api/settings", { orders: { limits: { support: { refund: 40 } } } }, SettingsView);
    const o = await seedOrder(ws.id, fake);
    const socks = String(o.payload.line_items[1]!.id);
    expect((await orderAction(ws.support.token, `/api/orders/${o.id}/refund`, { plan: { amount: "20.00" }, reason: "Damaged" })).status).toBe(200);
    expect((await orderAction(manager.token, `/api/orders/${o.id}/refund`, { plan: { amount: "30.00" }, reason: "Damaged" })).status).toBe(200);
    expect((await orderAction(ws.support.token, "/api/discounts", { kind: "fixed", value: 10, reason: "Late parcel" })).status).toBe(200);
    expect((await orderAction(ws.support.token, "/api/discounts", { kind: "percentage", value: 10, reason: "Late parcel" })).status).toBe(200);
    expect((await orderAction(manager.token, `/api/orders/${o.id}/replacement`, { lines: [{ lineItemId: socks, quantity: 1 }], reason: "Lost" })).status).toBe(
      200,
    );
    expect((await orderAction(ws.support.token, `/api/orders/${o.id}/refund`, { plan: { amount: "45.00" }, reason: "Waiting" })).status).toBe(202);

    const report = await api(ws.owner.token, "GET", "/api/reports", undefined, Report);
    expect(report.status).toBe(200);
    const c = report.body.compensation;
    expect(c.totals).toEqual(
      expect.arrayContaining([
        { kind: "refund", actions: 2, currency: "USD", amount: "50.00" },
        { kind: "replacement", actions: 1, currency: "USD", amount: "25.00" },
        { kind: "discount", actions: 2, currency: "USD", amount: "10.00" },
      ]),
    );
    expect(c.byAgent).toEqual([
      { agentId: manager.id, name: "Mia Manager", actions: 2, refunds: "30.00", discounts: "0.00", replacements: "25.00", currency: "USD" },
      expect.objectContaining({ agentId: ws.support.id, actions: 3, refunds: "20.00", discounts: "10.00", replacements: "0.00" }),
    ]);
    expect(c.byReason).toEqual([
      { reason: "Damaged", actions: 2, currency: "USD", amount: "50.00" },
      { reason: "Lost", actions: 1, currency: "USD", amount: "25.00" },
      { reason: "Late parcel", actions: 2, currency: "USD", amount: "10.00" },
    ]);
  });
});
