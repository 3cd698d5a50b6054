// Concurrent first contact: every entry point that creates profiles (signed events, Shopify customers, email, SMS) may
// receive the same new customer at once. Each delivery must be accepted and the customer must end up as one profile.
import { env } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { createWorkspace, postEvents, sendSms } from "../helpers";
import { customerPayload, postShopify, SHOP, WEBHOOK_SECRET } from "../store/store-helpers";
import { deliver, uid } from "../email/email-helpers";
import { plainText } from "../email/fixtures";
import { newPhone } from "./sms-helpers";
import { eventProfile } from "../../../worker/src/webhooks/event-profile";

const INBOUND = "help-race@inbound.shop.example";
let n = 0;
const activity = (profile: Record<string, string>) => ({
  type: "activity",
  id: `race-${++n}`,
  profile,
  metric: "Viewed Page",
  properties: { url: "https://shop.example/p" },
});

async function profilesOf(workspaceId: string, phone: string, email: string) {
  const { results } = await env.DB.prepare("SELECT id, phone, email FROM profiles WHERE workspace_id = ?1 AND (phone = ?2 OR email = ?3)")
    .bind(workspaceId, phone, email)
    .all<{ id: string; phone: string | null; email: string | null }>();
  return results;
}

describe("profiles under concurrent first contact", () => {
  it("events, store customers and emails naming one new customer make one profile, every delivery accepted", async () => {
    const ws = await createWorkspace({ settings: { shopify: { shopDomain: SHOP, webhookSecret: WEBHOOK_SECRET }, email: { inboundAddress: INBOUND } } });
    const people = Array.from({ length: 16 }, (_, i) => ({ phone: newPhone(), email: `race.${i}.${crypto.randomUUID().slice(0, 6)}@customer.example` }));
    const deliveries = people.flatMap((p, i) => [
      ...Array.from({ length: 2 }, () => () => postEvents(ws.id, [activity({ email: p.email })])),
      ...Array.from({ length: 5 }, () => () => postEvents(ws.id, [activity({ phone: p.phone, email: p.email, name: "Rae Racer" })])),
      ...Array.from(
        { length: 2 },
        () => () => postShopify(ws.id, "customers/create", customerPayload({ id: 7_200_000_001_000 + i, email: p.email, phone: p.phone })),
      ),
      () => deliver(p.email, INBOUND, plainText({ from: p.email, to: INBOUND }, uid())).then((r) => ({ status: r.rejected ? 550 : 200, body: r.rejected })),
    ]);
    const results = await Promise.all(deliveries.map((d) => d()));
    expect(results.filter((r) => r.status >= 300)).toEqual([]);
    for (const p of people) {
      const found = await profilesOf(ws.id, p.phone, p.email);
      expect(found, `${p.phone} / ${p.email}`).toEqual([{ id: expect.any(String), phone: p.phone, email: p.email }]);
    }
  });

  it("a customer texting while their signed events arrive makes one profile with both phone and email", async () => {
    const ws = await createWorkspace();
    const people = Array.from({ length: 6 }, (_, i) => ({ phone: newPhone(), email: `texter.${i}.${crypto.randomUUID().slice(0, 6)}@customer.example` }));
    const deliveries = people.flatMap((p) => [
      ...Array.from({ length: 4 }, () => () => postEvents(ws.id, [activity({ phone: p.phone, email: p.email })])),
      ...Array.from({ length: 3 }, (_, k) => () => sendSms(ws.id, p.phone, `Hello ${k}`)),
    ]);
    const results = await Promise.all(deliveries.map((d) => d()));
    expect(results.map((r) => r.status).filter((s) => s >= 300)).toEqual([]);
    for (const p of people) expect(await profilesOf(ws.id, p.phone, p.email)).toEqual([{ id: expect.any(String), phone: p.phone, email: p.email }]);
  });
});

describe("profile resolution racing itself", () => {
  // Called directly, the deliveries' statements reach D1 interleaved in a fixed order: every ordering of a first
  // contact by phone + email against one by email alone, by phone alone, or by both again is tried.
  const keysOf = (p: { phone: string; email: string }) => [
    { phone: p.phone, email: p.email },
    { email: p.email },
    { phone: p.phone, email: p.email, name: "Rae" },
  ];
  it("every interleaving of first contacts leaves one profile and throws nothing", async () => {
    const ws = await createWorkspace();
    for (const [a, b] of [
      [0, 1],
      [1, 0],
      [0, 2],
      [2, 0],
      [0, 0],
    ] as const) {
      const p = { phone: newPhone(), email: `inter.${a}${b}.${crypto.randomUUID().slice(0, 6)}@customer.example` };
      const keys = keysOf(p);
      const settled = await Promise.allSettled([eventProfile(env, ws.id, keys[a]!), eventProfile(env, ws.id, keys[b]!), eventProfile(env, ws.id, keys[a]!)]);
      expect(settled.filter((s) => s.status === "rejected").map((s) => String((s as PromiseRejectedResult).reason))).toEqual([]);
      const ids = new Set(settled.map((s) => (s as PromiseFulfilledResult<{ id: string }>).value.id));
      expect(ids.size, `ordering ${a},${b}`).toBe(1);
      expect(await profilesOf(ws.id, p.phone, p.email)).toEqual([{ id: [...ids][0], phone: p.phone, email: p.email }]);
    }
  });
});
