// Macros: managed by owners and admins; applying one shows its steps first (dry run), then runs them once per
// Idempotency-Key — order action, reply with variables filled, tags, assignment, status — each a line on the ticket.
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { SettingsView } from "../../../shared/schemas/settings-view";
import { MacroApplyResponse, MacroList, MacroResponse } from "../../../shared/schemas/macros";
import { AuditList } from "../../../shared/schemas/order-actions";
import { api, BASE, getTicket, sendSms, toReply, type TestWorkspace } from "../helpers";
import { newPhone, openTicket } from "../inbox-helpers";
import { seedOrder, storeWorkspace } from "./store-helpers";
import type { FakeShopify } from "./shopify-fake";
import { connectedStore } from "./connected-store";

let ws: TestWorkspace;
let fake: FakeShopify;
connectedStore({ workspace: (w) => (ws = w), fake: (f) => (fake = f) });

const WISMO = {
  name: "Where is my order",
  message: { kind: "reply", text: "Hi {{customer.first_name}}, order {{order.number}} is on its way: {{order.tracking_link}} — {{agent.name}}" },
  addTags: ["wismo"],
  status: { to: "closed" },
};
const SHIPPED = {
  fulfillment_status: "fulfilled",
  fulfillments: [
    {
      id: 4_100_000_777,
      status: "success",
      tracking_company: "UPS",
      tracking_number: "1Z9",
      tracking_url: "https://www.ups.com/track?tracknum=1Z9",
      created_at: "2026-10-02T09:00:00Z",
    },
  ],
};

async function createMacro(body: unknown, token = ws.admin.token) {
  return api(token, "POST", "/api/macros", body, MacroResponse);
}
async function apply(ticketId: string, macroId: string, body: Record<string, unknown> = {}, key: string | null = crypto.randomUUID()) {
  const res = await SELF.fetch(`${BASE}/api/tickets/${ticketId}/macros/${macroId}/apply`, {
    method: "POST",
    headers: { authorization: `Bearer ${ws.support.token}`, "content-type": "application/json", ...(key ? { "idempotency-key": key } : {}) },
    body: JSON.stringify(body),
  });
  return toReply("apply macro", res.status, await res.text(), MacroApplyResponse);
}
/** A customer (named Jon Snow, with this phone, consented to SMS) with an SMS ticket and one order. */
async function customerWithOrder(over: Record<string, unknown> = {}) {
  const phone = newPhone();
  await sendSms(ws.id, phone, "START");
  const t = await openTicket(ws.id, ws.support.token, phone);
  const o = await seedOrder(ws.id, fake, { phone, email: null, ...over });
  return { t, o };
}

describe("managing macros", () => {
  it("owners and admins create, change and delete them; every inbox agent lists them; changes are audited", async () => {
    expect((await createMacro(WISMO, ws.support.token)).status).toBe(403);
    const made = await createMacro({ ...WISMO, name: "WISMO (managed)" });
    expect(made.status).toBe(201);
    expect(made.body.macro).toMatchObject({ name: "WISMO (managed)", addTags: ["wismo"], removeTags: [], assign: null, orderAction: null });
    expect((await createMacro({ ...WISMO, name: "wismo (MANAGED)" })).status).toBe(409);
    expect((await createMacro({ name: "Nothing" })).status).toBe(400);
    expect((await createMacro({ name: "Too much", orderAction: { kind: "discount", discountKind: "percentage", value: 150, reason: "x" } })).status).toBe(400);
    const listed = await api(ws.support.token, "GET", "/api/macros", undefined, MacroList);
    expect(listed.body.macros.map((m) => m.name)).toContain("WISMO (managed)");
    const changed = await api(
      ws.admin.token,
      "PUT",
      `/api/macros/${made.body.macro.id}`,
      { ...WISMO, name: "WISMO (managed)", addTags: ["shipping"] },
      MacroResponse,
    );
    expect(changed.body.macro.addTags).toEqual(["shipping"]);
    expect((await api(ws.admin.token, "DELETE", `/api/macros/${made.body.macro.id}`)).status).toBe(204);
    const log = await api(ws.owner.token, "GET", "/api/audit", undefined, AuditList);
    expect(log.body.entries.slice(0, 3).map((e) => e.action)).toEqual(["macro.deleted", "macro.updated", "macro.created"]);
  });

  it("another workspace's macro is not found", async () => {
    const other = await storeWorkspace({ connected: true });
    const theirs = await api(other.admin.token, "POST", "/api/macros", WISMO, MacroResponse);
    const { t } = await customerWithOrder(SHIPPED);
    expect((await apply(t.id, theirs.body.macro.id, { dryRun: true })).status).toBe(404);
  });
});

describe("applying a macro", () => {
  it("the dry run says exactly what will happen and changes nothing; applying does it, once", async () => {
    const macro = (await createMacro({ ...WISMO, name: "WISMO 1" })).body.macro;
    const { t, o } = await customerWithOrder(SHIPPED);
    const before = (await getTicket(ws.support.token, t.id)).body.messages.length;
    const preview = await apply(t.id, macro.id, { dryRun: true }, null);
    expect(preview.status).toBe(200);
    const reply = `Hi Jon, order ${o.payload.name} is on its way: https://www.ups.com/track?tracknum=1Z9 — `;
    expect(preview.body.steps.map((s) => [s.kind, s.state])).toEqual([
      ["message", "planned"],
      ["tags", "planned"],
      ["status", "planned"],
    ]);
    expect(preview.body.steps[0]!.text).toMatch(new RegExp(`^${reply.replace(/[.?]/g, "\\$&")}`));
    expect((await getTicket(ws.support.token, t.id)).body.messages).toHaveLength(before);

    const key = crypto.randomUUID();
    const done = await apply(t.id, macro.id, {}, key);
    expect(done.status).toBe(200);
    expect(done.body.steps.every((s) => s.state === "done")).toBe(true);
    expect((await apply(t.id, macro.id, {}, key)).status).toBe(200); // the same click again

    const detail = (await getTicket(ws.support.token, t.id)).body;
    expect(detail.ticket.status).toBe("closed");
    expect(detail.ticket.tags).toContain("wismo");
    const added = detail.messages.slice(before);
    expect(added.map((m) => m.activity?.key ?? m.kind)).toEqual(["macroApplied", "outbound", "tagsChanged", "closed"]);
    expect(added[1]!.text).toContain("https://");
  });

  it("a discount macro puts the code it made into the reply", async () => {
    const macro = (
      await createMacro({
        name: "Sorry — 10 % off your next order",
        message: { kind: "reply", text: "So sorry, {{customer.first_name}}. Here is 10% off your next order: {{discount.code}}" },
        orderAction: { kind: "discount", discountKind: "percentage", value: 10, expiresInDays: 30, reason: "Apology" },
      })
    ).body.macro;
    const { t } = await customerWithOrder();
    const preview = await apply(t.id, macro.id, { dryRun: true }, null);
    expect(preview.body.steps.map((s) => s.kind)).toEqual(["order", "message"]);
    const done = await apply(t.id, macro.id);
    expect(done.status).toBe(200);
    const code = /GIFT-[A-Z0-9]{8}/.exec(done.body.steps[1]!.text ?? "")?.[0];
    expect(code).toBeDefined();
    const thread = (await getTicket(ws.support.token, t.id)).body.messages;
    expect(thread.some((m) => m.kind === "outbound" && m.text.includes(code!))).toBe(true);
    expect(thread.some((m) => m.activity?.key === "discountCreated" && m.text.includes(code!))).toBe(true);
  });

  it("a reply the channel would refuse (no SMS consent) shows in the preview, and applying does nothing", async () => {
    const macro = (await createMacro({ ...WISMO, name: "WISMO 3" })).body.macro;
    const phone = newPhone();
    const t = await openTicket(ws.id, ws.support.token, phone);
    await seedOrder(ws.id, fake, { phone, email: null, ...SHIPPED });
    const preview = await apply(t.id, macro.id, { dryRun: true }, null);
    expect(preview.body.steps[0]).toMatchObject({ kind: "message", state: "failed", note: expect.stringMatching(/not consented/) });
    expect((await apply(t.id, macro.id)).status).toBe(422);
  });

  it("a variable without a value shows in the preview, and applying does nothing", async () => {
    const macro = (await createMacro({ ...WISMO, name: "WISMO 2" })).body.macro;
    const { t } = await customerWithOrder(); // nothing shipped: no tracking link
    const preview = await apply(t.id, macro.id, { dryRun: true }, null);
    expect(preview.body.steps[0]).toMatchObject({ kind: "message", state: "failed", note: "no value for {{order.tracking_link}}" });
    const before = (await getTicket(ws.support.token, t.id)).body;
    const res = await apply(t.id, macro.id);
    expect(res.status).toBe(422);
    const after = (await getTicket(ws.support.token, t.id)).body;
    expect(after.messages).toHaveLength(before.messages.length);
    expect(after.ticket.status).toBe(before.ticket.status);
  });

  it("an order action above the agent's limit waits for approval; the reply and the close wait with it", async () => {
    await api(ws.owner.token, "PUT", "/api/settings", { orders: { limits: { support: { refund: 50 } } } }, SettingsView);
    const macro = (
      await createMacro({
        name: "Cancel and refund",
        message: { kind: "reply", text: "Order {{order.number}} is cancelled and refunded." },
        addTags: ["cancelled"],
        status: { to: "closed" },
        orderAction: { kind: "cancel", refund: true, restock: true, reason: "customer" },
      })
    ).body.macro;
    const { t } = await customerWithOrder();
    const preview = await apply(t.id, macro.id, { dryRun: true }, null);
    expect(preview.body.steps[0]).toMatchObject({ kind: "order", state: "pending_approval" });
    const done = await apply(t.id, macro.id);
    expect(done.body.steps.map((s) => s.state)).toEqual(["pending_approval", "skipped", "done", "skipped"]);
    expect(fake.calls.some((c) => c.operation === "orderCancel")).toBe(false);
    const pending = await api(ws.admin.token, "GET", "/api/approvals");
    expect(JSON.stringify(pending.json)).toContain("Cancel #");
    await api(ws.owner.token, "PUT", "/api/settings", { orders: { limits: { support: { refund: null } } } }, SettingsView);
  });

  it("a repeat after a whole refund answers with the first application's steps; the key can't be reused elsewhere", async () => {
    const macro = (
      await createMacro({
        name: "Refund everything",
        message: { kind: "note", text: "Refunded {{order.number}} in full." },
        orderAction: { kind: "refund", whole: true, reason: "Goodwill" },
      })
    ).body.macro;
    const { t } = await customerWithOrder();
    const key = crypto.randomUUID();
    const first = await apply(t.id, macro.id, {}, key);
    expect(first.status).toBe(200);
    const again = await apply(t.id, macro.id, {}, key);
    expect(again.status).toBe(200);
    expect(again.body.steps).toEqual(first.body.steps);
    expect(fake.calls.filter((c) => c.operation === "refundCreate")).toHaveLength(1);
    const { t: other } = await customerWithOrder();
    expect((await apply(other.id, macro.id, {}, key)).status).toBe(422);
  });
});
