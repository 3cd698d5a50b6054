// Property-based fuzzing of every public route: malformed paths, queries, bodies and tokens — and webhooks whose hostile
// bodies are signed correctly, so they get past the signature and reach parsing. Whatever comes in, the worker answers
// below 500 with the usual error body. fast-check prints the seed and the shrunk input of any failure.
import { SELF } from "cloudflare:test";
import fc from "fast-check";
import { beforeAll, describe, expect, it } from "vitest";
import { ErrorBody } from "../../../shared/schemas";
import { BASE, createWorkspace, EVENTS_SECRET, TWILIO_TOKEN, type TestWorkspace } from "../helpers";
import { addAgent, openTicket } from "../inbox-helpers";
import { shopifyHmac, SHOP, WEBHOOK_SECRET } from "../store/store-helpers";
import { twilioSignature } from "../../../worker/src/webhooks/signatures";
import { hex, hmac } from "../../../worker/src/http/crypto";
import { startChat, type Session } from "../chat/chat-helpers";
import { deliver } from "../email/email-helpers";

const RUNS = 25;
let ws: TestWorkspace;
let analyst: { token: string };
let ticketId: string;
let session: Session;

beforeAll(async () => {
  ws = await createWorkspace({
    settings: { shopify: { shopDomain: SHOP, webhookSecret: WEBHOOK_SECRET }, email: { inboundAddress: "fuzz@inbound.shop.example" } },
  });
  analyst = await addAgent(ws.owner.token, "Ana Analyst", "analyst");
  ticketId = (await openTicket(ws.id, ws.support.token)).id;
  session = await startChat(ws.id);
});

// Path segments: real ids, the malformed percent-encodings seen in the wild, and anything else.
const segment = () =>
  fc.oneof(
    fc.constantFrom(
      ticketId,
      ws.owner.id,
      ws.id,
      "%zz",
      "%E0%A4%A",
      "100%",
      "%",
      "%00",
      "%2F..%2F",
      "..",
      "%C0%AF",
      "%FF%FE",
      "6100000001001",
      "gid%3A%2F%2Fshopify%2FOrder%2F1",
    ),
    fc.string({ maxLength: 40 }).map(encodeURIComponent),
    fc.string({ unit: fc.constantFrom("%", "A", "f", "9", "é", "/", "?", "#", " ", "\\", ";", "+"), maxLength: 20 }),
    fc.stringMatching(/^[%0-9A-Za-z._~-]{0,30}$/),
  );
const query = () =>
  fc.oneof(
    fc.constant(""),
    fc
      .dictionary(
        fc.constantFrom(
          "view",
          "status",
          "channel",
          "tag",
          "assignee",
          "q",
          "cursor",
          "limit",
          "before",
          "from",
          "to",
          "metric",
          "workspace",
          "after",
          "token",
        ),
        fc.oneof(fc.string({ maxLength: 30 }), fc.constantFrom("%zz", "-1", "1e309", "NaN", "mine", "all", "sms", "2026-02-30", "9".repeat(30))),
      )
      .map(
        (d) =>
          `?${Object.entries(d)
            .map(([k, v]) => `${k}=${v.includes("%") ? v : encodeURIComponent(v)}`)
            .join("&")}`,
      ),
  );
const body = () =>
  fc.oneof(
    fc.constant(undefined),
    fc.string({ maxLength: 200 }),
    fc.jsonValue({ maxDepth: 4 }).map((v) => JSON.stringify(v)),
    fc
      .record(
        {
          kind: fc.constantFrom("reply", "note", 1, null),
          text: fc.oneof(fc.string(), fc.constant("x".repeat(6000))),
          status: fc.constantFrom("open", "snoozed", "closed", "deleted"),
          until: fc.oneof(
            fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
            fc.string(),
          ),
          preset: fc.constantFrom("later_today", "nope"),
          assigneeId: fc.oneof(fc.string(), fc.constant(null)),
          tags: fc.array(fc.string(), { maxLength: 12 }),
          name: fc.string(),
          email: fc.string(),
          role: fc.constantFrom("owner", "admin", "support", "god"),
          action: fc.record({ type: fc.constantFrom("assign", "status", "message", "tags", "read", "x") }, { requiredKeys: [] }),
          ids: fc.array(fc.string(), { maxLength: 5 }),
          timezone: fc.constantFrom("Mars/Olympus", "America/New_York", ""),
          quantity: fc.oneof(fc.integer(), fc.double()),
          lineItemId: fc.string(),
          reason: fc.string(),
        },
        { requiredKeys: [] },
      )
      .map((v) => JSON.stringify(v)),
  );

const ROUTES: [method: string, template: string][] = [
  ["GET", "/api/me"],
  ["PATCH", "/api/me"],
  ["GET", "/api/agents"],
  ["POST", "/api/agents"],
  ["DELETE", "/api/agents/:x"],
  ["POST", "/api/agents/:x/token"],
  ["GET", "/api/settings"],
  ["PUT", "/api/settings"],
  ["GET", "/api/tickets"],
  ["GET", "/api/tickets/counts"],
  ["GET", "/api/tickets/:x"],
  ["GET", "/api/tickets/:x/messages"],
  ["POST", "/api/tickets/:x/messages"],
  ["POST", "/api/tickets/:x/status"],
  ["PATCH", "/api/tickets/:x"],
  ["POST", "/api/tickets/:x/read"],
  ["POST", "/api/tickets/:x/unread"],
  ["POST", "/api/tickets/:x/leave"],
  ["DELETE", "/api/tickets/:x"],
  ["POST", "/api/tickets/bulk"],
  ["POST", "/api/tickets/export"],
  ["GET", "/api/profiles/:x"],
  ["GET", "/api/profiles/:x/orders"],
  ["POST", "/api/profiles/:x/block"],
  ["POST", "/api/profiles/:x/unblock"],
  ["GET", "/api/orders"],
  ["GET", "/api/orders/:x"],
  ["POST", "/api/orders/:x/cancel"],
  ["POST", "/api/orders/:x/edit-quantity"],
  ["GET", "/api/quick-replies"],
  ["POST", "/api/quick-replies"],
  ["PUT", "/api/quick-replies/:x"],
  ["DELETE", "/api/quick-replies/:x"],
  ["GET", "/api/views"],
  ["POST", "/api/views"],
  ["DELETE", "/api/views/:x"],
  ["GET", "/api/reports"],
  ["POST", "/api/setup"],
  ["GET", "/s/:x"],
  ["GET", "/widget.js"],
  ["GET", "/demo/store"],
  ["GET", "/dev/outbox"],
  ["POST", "/dev/clock"],
  ["GET", "/chat/:x/config"],
  ["POST", "/chat/:x/sessions"],
  ["GET", "/chat/:x/sessions/:x/messages"],
  ["POST", "/chat/:x/sessions/:x/messages"],
  ["PATCH", "/chat/:x/sessions/:x"],
  ["POST", "/chat/:x/sessions/:x/events"],
  ["OPTIONS", "/chat/:x/sessions"],
  ["GET", "/nowhere/:x"],
];

async function answer(method: string, url: string, init: { headers?: Record<string, string>; body?: string | undefined }) {
  const res = await SELF.fetch(url, { method, headers: init.headers, body: method === "GET" || method === "HEAD" ? undefined : init.body });
  const text = await res.text();
  return { status: res.status, text };
}

const below500 = (what: string, r: { status: number; text: string }) => {
  if (r.status >= 500) throw new Error(`${what} → ${r.status} ${r.text.slice(0, 300)}`);
  if (r.status >= 400 && what.includes(" /api/")) expect(ErrorBody.parse(JSON.parse(r.text)).error.code, what).toMatch(/^[a-z_]+$/);
};

describe("fuzzing every public route", () => {
  it("agent API, chat API and public pages answer malformed paths, queries, bodies and tokens below 500", async () => {
    const tokens = () => fc.constantFrom(ws.owner.token, ws.support.token, analyst.token, "sdk_forged", "", `${ws.owner.token}%zz`, session.token);
    await fc.assert(
      fc.asyncProperty(
        fc.constantFrom(...ROUTES),
        fc.array(segment(), { minLength: 2, maxLength: 2 }),
        query(),
        body(),
        tokens(),
        fc.boolean(),
        async ([method, template], segs, q, b, token, json) => {
          let k = 0;
          const path = template.replace(/:x/g, () => segs[k++ % segs.length]!);
          const headers: Record<string, string> = {
            authorization: `Bearer ${token}`,
            origin: "https://shop.example",
            ...(json ? { "content-type": "application/json" } : {}),
          };
          below500(`${method} ${path}${q}`, await answer(method, `${BASE}${path}${q}`, { headers, body: b }));
        },
      ),
      { numRuns: RUNS * 12 },
    );
  }, 120_000);

  it("signed events with hostile bodies answer 4xx or 2xx, never 500", async () => {
    const events = fc.oneof(
      body(),
      fc
        .array(
          fc.record(
            {
              type: fc.constantFrom("activity", "outbound_message", "x"),
              id: fc.string({ maxLength: 80 }),
              profile: fc.record(
                {
                  phone: fc.oneof(fc.string(), fc.constantFrom("+12025550123", "555", "+1 (202) 555-0199")),
                  email: fc.oneof(fc.emailAddress(), fc.string()),
                  name: fc.string(),
                },
                { requiredKeys: [] },
              ),
              metric: fc.string(),
              properties: fc.jsonValue({ maxDepth: 3 }),
              source: fc.constantFrom("flow", "campaign", "?"),
              name: fc.string(),
              text: fc.string(),
              at: fc.oneof(
                fc.date({ noInvalidDate: true }).map((d) => d.toISOString()),
                fc.string(),
              ),
            },
            { requiredKeys: ["type"] },
          ),
          { maxLength: 4 },
        )
        .map((e) => JSON.stringify({ events: e })),
    );
    await fc.assert(
      fc.asyncProperty(events, async (raw) => {
        const text = raw ?? "";
        const signature = `sha256=${hex(await hmac("SHA-256", EVENTS_SECRET, text))}`;
        below500(
          `events ${text.slice(0, 120)}`,
          await answer("POST", `${BASE}/webhooks/${ws.id}/events`, {
            headers: { "content-type": "application/json", "x-sidedesk-signature": signature },
            body: text,
          }),
        );
      }),
      { numRuns: RUNS * 2 },
    );
  }, 120_000);

  it("signed Twilio callbacks with hostile fields answer below 500", async () => {
    const field = fc.oneof(
      fc.string({ maxLength: 60 }),
      fc.constantFrom("+12025550123", "-1", "99", "https://evil.example/x.jpg", "javascript:alert(1)", "%zz", "delivered", "undelivered"),
    );
    const params = fc.dictionary(
      fc.constantFrom(
        "From",
        "To",
        "Body",
        "MessageSid",
        "SmsSid",
        "AccountSid",
        "NumMedia",
        "MediaUrl0",
        "MediaContentType0",
        "MessageStatus",
        "ErrorCode",
        "Junk",
      ),
      field,
    );
    await fc.assert(
      fc.asyncProperty(params, fc.constantFrom("sms", "status"), async (p, kind) => {
        const url = `${BASE}/webhooks/${ws.id}/twilio/${kind}`;
        const form = new URLSearchParams(p);
        const headers = { "content-type": "application/x-www-form-urlencoded", "x-twilio-signature": await twilioSignature(TWILIO_TOKEN, url, form) };
        below500(`twilio ${kind} ${form}`, await answer("POST", url, { headers, body: form.toString() }));
      }),
      { numRuns: RUNS * 2 },
    );
  }, 120_000);

  it("signed Shopify webhooks with hostile bodies answer below 500", async () => {
    const topic = fc.constantFrom("orders/create", "orders/updated", "orders/cancelled", "customers/create", "customers/update", "app/uninstalled", "");
    const payload = fc.oneof(
      body(),
      fc
        .record(
          {
            id: fc.oneof(fc.integer(), fc.string(), fc.constant(9e20)),
            email: fc.string(),
            phone: fc.string(),
            line_items: fc.array(fc.jsonValue({ maxDepth: 2 }), { maxLength: 3 }),
            customer: fc.jsonValue({ maxDepth: 2 }),
            created_at: fc.string(),
            updated_at: fc.string(),
            total_price: fc.oneof(fc.string(), fc.double()),
          },
          { requiredKeys: [] },
        )
        .map((v) => JSON.stringify(v)),
    );
    await fc.assert(
      fc.asyncProperty(topic, payload, fc.string({ maxLength: 30 }), async (t, raw, webhookId) => {
        const text = raw ?? "";
        const headers = {
          "content-type": "application/json",
          "x-shopify-topic": t,
          "x-shopify-webhook-id": webhookId,
          "x-shopify-hmac-sha256": await shopifyHmac(WEBHOOK_SECRET, text),
        };
        below500(`shopify ${t} ${text.slice(0, 120)}`, await answer("POST", `${BASE}/webhooks/${ws.id}/shopify`, { headers, body: text }));
      }),
      { numRuns: RUNS * 2 },
    );
  }, 120_000);

  it("the email() handler takes any bytes without throwing", async () => {
    const header = fc.constantFrom(
      "From: Jane <jane@customer.example>",
      "From: =?utf-8?B?!!!?= <>",
      "To: fuzz@inbound.shop.example",
      "Subject: =?x?Q?bad?=",
      "Message-ID: <fuzz@x>",
      "In-Reply-To: <<<>>>",
      `References: ${"<a@b> ".repeat(50)}`,
      'Content-Type: multipart/mixed; boundary="b"',
      "Content-Type: text/html; charset=x-unknown",
      "Content-Transfer-Encoding: base64",
      "Date: yesterday",
    );
    const mime = fc
      .tuple(
        fc.array(header, { maxLength: 8 }),
        fc.oneof(fc.string({ maxLength: 300 }), fc.constantFrom("--b\r\nContent-Type: text/plain\r\n\r\nhi\r\n--b--", "<script>x</script>", "===")),
      )
      .map(([h, b]) => [...h, "", b].join("\r\n"));
    await fc.assert(
      fc.asyncProperty(fc.oneof(mime, fc.uint8Array({ maxLength: 400 })), async (raw) => {
        await deliver("jane@customer.example", "fuzz@inbound.shop.example", raw); // rejecting is fine; throwing is not
      }),
      { numRuns: RUNS * 2 },
    );
  }, 120_000);
});
