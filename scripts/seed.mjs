// Seeds the "Northwind Outfitters" demo workspace into a running local worker (npm run seed; npm start calls it).
// Idempotent: tokens are kept in .wrangler/demo.json, and a second run against the same database creates nothing.
// Deterministic: fixed content (seed-data.mjs), a seeded PRNG, and provider ids derived from an index.
// A shop's month: each conversation is replayed at its own time over the last 30 days by moving the worker's dev clock
// (POST /dev/clock), so reports, "waiting since" and response times mean something; the clock is put back at the end.
import { createHash } from "node:crypto";
import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import path from "node:path";
import { pathToFileURL } from "node:url";
import { ROOT, apiClient, fetchRetrying, postEvents, postTwilioSms } from "./lib/dev.mjs";
import {
  BRAND_NUMBER,
  DEMO_SECRETS,
  EMAILS,
  OPENERS,
  PAGES,
  PROFILES,
  MACROS,
  EVENT_RULES,
  WAITING_RULES,
  SLA,
  CSAT,
  SURVEY_ANSWERS,
  ORDER_LIMITS,
  QUICK_REPLIES,
  STAFF,
  SUPPORT_ADDRESS,
  THREADS,
  WORKSPACE,
} from "./seed-data.mjs";
import { SHOP, seedStore } from "./seed-store.mjs";
import { seedChats } from "./seed-chat.mjs";
import { prng } from "./lib/prng.mjs";

export const DEMO_FILE = path.join(ROOT, ".wrangler/demo.json");
const HOUR = 3600_000;
const MINUTE = 60_000;
const DAY = 24 * HOUR;

const messageSid = (n) => `SM${createHash("md5").update(`northwind-demo-sms-${n}`).digest("hex")}`;

function loadDemo() {
  try {
    return JSON.parse(readFileSync(DEMO_FILE, "utf8"));
  } catch {
    return null;
  }
}
function saveDemo(demo) {
  mkdirSync(path.dirname(DEMO_FILE), { recursive: true });
  writeFileSync(DEMO_FILE, `${JSON.stringify(demo, null, 2)}\n`);
}

/** Seed (or find) the demo workspace at `base`; returns the demo record with tokens. */
export async function seed(base, { log = console.log } = {}) {
  const api = apiClient(base);
  const setupToken = process.env.SETUP_TOKEN ?? "dev-setup-token";
  let demo = existsSync(DEMO_FILE) ? loadDemo() : null;
  if (demo?.agents?.owner?.token) {
    const me = await api("GET", "/api/me", { token: demo.agents.owner.token, expect: [200, 401, 403, 404] });
    if (me.status === 200 && demo.complete) {
      log(`Demo workspace already seeded (${demo.workspaceId}); nothing created.`);
      if (demo.base !== base) saveDemo({ ...demo, base });
      return { ...demo, base };
    }
    if (me.status !== 200)
      demo = null; // the database was reset: start over
    else log("Resuming an unfinished seed…");
  }

  if (!demo) {
    log(`Seeding demo workspace "${WORKSPACE.name}"…`);
    const { body } = await api("POST", "/api/setup", {
      token: setupToken,
      body: { workspace: WORKSPACE, owner: { name: STAFF.owner.name, email: STAFF.owner.email } },
    });
    demo = { base, workspaceId: body.workspace.id, workspaceName: WORKSPACE.name, agents: {}, complete: false };
    demo.agents.owner = { id: body.agent.id, ...STAFF.owner, token: body.token };
    saveDemo(demo);
  }
  for (const [key, staff] of Object.entries(STAFF)) {
    if (demo.agents[key]) continue;
    const { body } = await api("POST", "/api/agents", { token: demo.agents.owner.token, body: staff });
    demo.agents[key] = { id: body.agent.id, ...staff, token: body.token };
    saveDemo(demo);
  }

  await api("PUT", "/api/settings", {
    token: demo.agents.owner.token,
    body: {
      timezone: WORKSPACE.timezone,
      // No accountSid on purpose: without it every SMS goes to the local outbox.
      sms: { authToken: DEMO_SECRETS.twilioAuthToken, fromNumber: BRAND_NUMBER, autoResponder: { audience: "non_consented" } },
      email: { supportAddress: SUPPORT_ADDRESS, inboundAddress: SUPPORT_ADDRESS },
      events: { signingSecret: DEMO_SECRETS.eventsSigningSecret },
      shopify: SHOP,
      orders: { limits: ORDER_LIMITS },
      sla: SLA,
      // Surveys go out at the close while the seed runs, so the demo has answers; then the usual hour applies.
      csat: { ...CSAT, delayMinutes: 0 },
    },
  });

  const seeder = new Seeder(base, demo, log);
  try {
    await seeder.run();
  } finally {
    await seeder.clockBack();
  }
  await api("PUT", "/api/settings", { token: demo.agents.owner.token, body: { csat: CSAT } });
  demo.complete = true;
  demo.seededAt = new Date().toISOString();
  saveDemo(demo);
  return demo;
}

class Seeder {
  constructor(base, demo, log) {
    this.base = base;
    this.demo = demo;
    this.log = log;
    this.api = apiClient(base);
    this.rand = prng(20250401);
    this.sms = 0;
    this.events = 0;
    this.replies = 0;
    this.now = Date.now();
    this.at = this.now;
  }

  /** Moves the worker's clock (and our idea of "now") to `at`; each step of a conversation happens then. */
  async clockTo(at) {
    this.at = Math.min(at, Date.now() - MINUTE);
    await this.api("POST", "/dev/clock", { body: { at: new Date(this.at).toISOString() } });
  }

  async clockBack() {
    this.at = Date.now();
    await this.api("POST", "/dev/clock", { body: { offsetMs: 0 } }).catch((err) => this.log(`  (could not reset the worker's clock: ${err.message})`));
  }

  /** The hour of a conversation's first message: closed ones over the month, open ones in the last day or two. */
  startOf(thread, i) {
    const status = thread.end?.status;
    const hoursAgo =
      status === "open" ? 3 + this.rand() * 96 : status === "snoozed" ? 30 + this.rand() * 96 : 48 + (((i * 7919) % 27) * DAY) / HOUR + this.rand() * 10; // closed or keyword-only: spread over the month
    return this.now - hoursAgo * HOUR;
  }

  /** Minutes until the next step: agents answer in minutes to a couple of hours, customers write back sooner. */
  gapBefore(kind) {
    const minutes = kind === "reply" ? 4 + this.rand() * 110 : kind === "note" ? 2 + this.rand() * 20 : 1 + this.rand() * 25;
    return Math.round(minutes * MINUTE);
  }

  token(key = "owner") {
    return this.demo.agents[key].token;
  }

  async run() {
    await this.activity();
    const store = await seedStore(this.base, this.demo.workspaceId, PROFILES, this.now);
    this.log(`Seeded ${store.orders} store orders (${store.webhooks} signed Shopify webhooks).`);
    await this.quickReplies();
    await this.macros();
    await this.rules(EVENT_RULES);
    const threads = [...THREADS, ...this.openers()].map((t, i) => ({ ...t, startAt: this.startOf(t, i) })).sort((a, b) => a.startAt - b.startAt);
    for (const thread of threads) await this.thread(thread);
    await this.emails();
    const chats = await seedChats(this.base, this.demo.workspaceId, {
      agentToken: this.token("nadia"),
      clockTo: (at) => this.clockTo(at),
      now: this.now,
    });
    this.log(`Seeded ${chats} web chats.`);
    await this.rules(WAITING_RULES);
    this.log(`Seeded ${await this.surveyAnswers()} survey answers.`);
    const { body } = await this.api("GET", "/api/tickets?view=all&limit=100", { token: this.token() });
    this.log(`Seeded ${PROFILES.length} profiles, ${body.tickets.length} tickets, ${this.sms} SMS, ${this.events} events.`);
  }

  /** Profiles are created by their first activity event, with name and email. */
  async activity() {
    const events = [];
    PROFILES.forEach((p, i) => {
      const profile = { phone: p.phone, name: p.name, ...(p.email ? { email: p.email } : {}) };
      const pages = 1 + Math.floor(this.rand() * 3);
      for (let k = 0; k < pages; k++) {
        const [title, url] = PAGES[Math.floor(this.rand() * PAGES.length)];
        events.push({
          type: "activity",
          id: `seed-view-${i}-${k}`,
          profile,
          metric: "Viewed Page",
          properties: { title, url: `https://northwind.example${url}` },
          at: this.ago(24 * (1 + ((i * 13) % 29)) - k * 6),
        }); // over the month
      }
    });
    for (let i = 0; i < events.length; i += 50) await this.postEvents(events.slice(i, i + 50));
  }

  /** One-message tickets for customers 21–32, with PRNG-picked texts, tags and statuses. */
  openers() {
    const statuses = ["open", "closed", "open", "snoozed", "open", "closed"];
    const agents = [undefined, "sam", "nadia"];
    const out = [];
    for (let p = 21; p <= 32; p++) {
      const [text, tags] = OPENERS[(p - 21 + Math.floor(this.rand() * 3)) % OPENERS.length];
      const status = statuses[(p - 21) % statuses.length];
      out.push({
        p,
        pre: this.rand() < 0.5 ? ["START"] : [],
        steps: [["in", text]],
        end: {
          tags,
          status,
          assignee: status === "open" ? undefined : agents[Math.floor(this.rand() * 3)],
          ...(status === "snoozed" ? { preset: "tomorrow" } : {}),
        },
      });
    }
    return out;
  }

  async thread({ p, pre = [], steps, end, startAt }) {
    const profile = PROFILES[p];
    await this.clockTo(startAt);
    for (const keyword of pre) {
      await this.inbound(profile, keyword);
      await this.clockTo(this.at + MINUTE);
    }
    let ticketId;
    const ticket = async () => (ticketId ??= await this.findTicket(profile.phone, "sms"));
    for (const [i, step] of steps.entries()) {
      const [kind, a, b, media] = step;
      if (i > 0) await this.clockTo(this.at + this.gapBefore(kind));
      if (kind === "in") await this.inbound(profile, a, media);
      else if (kind === "flow" || kind === "campaign") {
        await this.postEvents([
          {
            type: "outbound_message",
            id: `seed-out-${p}-${this.events}`,
            profile: { phone: profile.phone },
            source: kind,
            name: a,
            text: b,
            at: new Date(this.at).toISOString(),
          },
        ]);
        await this.clockTo(this.at + 20 * MINUTE + this.rand() * 3 * HOUR); // the customer answers the flow later
      } else await this.agentMessage(await ticket(), kind, a, b);
    }
    if (end) await this.finish(await ticket(), end);
  }

  /** One signed inbound SMS; `media` ([bytes, type] pairs) makes it an MMS, its files on the dev fake of Twilio's media edge. */
  async inbound(profile, body, media = []) {
    const n = ++this.sms;
    const urls = [];
    for (const [bytes, type] of media) {
      const res = await fetchRetrying(`${this.base}/dev/fake-twilio/Accounts/AC${"0".repeat(32)}/Media`, {
        method: "POST",
        headers: { "content-type": type },
        body: bytes,
      });
      if (res.status !== 201) throw new Error(`demo MMS media: ${res.status} ${await res.text()}`);
      urls.push((await res.json()).mediaUrl);
    }
    const mms = Object.fromEntries(
      media.flatMap(([, type], k) => [
        [`MediaUrl${k}`, urls[k]],
        [`MediaContentType${k}`, type],
      ]),
    );
    const res = await postTwilioSms(this.base, this.demo.workspaceId, DEMO_SECRETS.twilioAuthToken, {
      MessageSid: messageSid(n),
      AccountSid: `AC${"0".repeat(32)}`,
      From: profile.phone,
      To: BRAND_NUMBER,
      Body: body,
      NumMedia: String(media.length),
      ...mms,
    });
    if (res.status !== 200) throw new Error(`inbound SMS #${n} from ${profile.phone} → ${res.status} ${res.text}`);
  }

  async postEvents(events) {
    this.events += events.length;
    const res = await postEvents(this.base, this.demo.workspaceId, DEMO_SECRETS.eventsSigningSecret, events);
    if (res.status >= 300) throw new Error(`events → ${res.status} ${res.text}`);
  }

  async agentMessage(ticketId, kind, agent, text) {
    const n = ++this.replies;
    await this.api("POST", `/api/tickets/${ticketId}/messages`, { token: this.token(agent), body: { kind, text, clientId: `seed-${n}` } });
  }

  async finish(ticketId, end) {
    const agentId = (key) => this.demo.agents[key].id;
    const patch = {};
    if (end.assignee) patch.assigneeId = agentId(end.assignee);
    if (end.tags) patch.tags = end.tags;
    if (end.followers) patch.followers = end.followers.map(agentId);
    if (end.description) patch.description = end.description;
    if (Object.keys(patch).length) await this.api("PATCH", `/api/tickets/${ticketId}`, { token: this.token(), body: patch });
    if (end.favoriteBy) await this.api("PATCH", `/api/tickets/${ticketId}`, { token: this.token(end.favoriteBy), body: { favorite: true } });
    let change;
    if (end.status === "closed") {
      await this.clockTo(this.at + 30 * MINUTE + this.rand() * 20 * HOUR); // resolved some hours after the last message
      change = { status: "closed" };
    } else if (end.status === "snoozed") {
      await this.clockBack(); // snoozes run from now, so they wake when they say
      change = end.preset
        ? { status: "snoozed", preset: end.preset }
        : end.untilMinutes
          ? { status: "snoozed", until: new Date(Date.now() + end.untilMinutes * MINUTE).toISOString() }
          : { status: "snoozed", until: new Date(Math.ceil((this.now + end.untilDays * DAY) / HOUR) * HOUR).toISOString() };
    }
    if (change) await this.api("POST", `/api/tickets/${ticketId}/status`, { token: this.token(end.assignee ?? "owner"), body: change });
    // Closed tickets have been read by the owner and their assignee; everything else stays unread.
    if (end.status === "closed") {
      for (const key of new Set(["owner", end.assignee ?? "owner"])) {
        await this.api("POST", `/api/tickets/${ticketId}/read`, { token: this.token(key) });
      }
    }
  }

  /** Inbound email through wrangler dev's local email handler (raw MIME as a mail client writes it), each at its time. */
  async emails() {
    for (const mail of EMAILS) {
      const address = mail.from.match(/<(.+)>/)[1];
      await this.clockTo(this.now - mail.hoursAgo * HOUR);
      const url = `${this.base}/cdn-cgi/handler/email?from=${encodeURIComponent(address)}&to=${encodeURIComponent(SUPPORT_ADDRESS)}`;
      const res = await fetchRetrying(url, { method: "POST", headers: { "content-type": "message/rfc822" }, body: mimeOf(mail, new Date(this.at)) });
      if (!res.ok) {
        this.log(`  (skipped email "${mail.subject}": email handler answered ${res.status})`);
        continue;
      }
      const id = await this.findTicket(address, "email");
      if (mail.reply) {
        await this.clockTo(this.at + this.gapBefore("reply"));
        await this.agentMessage(id, "reply", mail.reply[0], mail.reply[1]);
      }
      if (mail.end) await this.finish(id, mail.end);
    }
  }

  /** Saved replies with variables; only the missing ones are added (the seed can resume). */
  async quickReplies() {
    const { body } = await this.api("GET", "/api/quick-replies", { token: this.token() });
    const have = new Set(body.quickReplies.map((r) => r.title));
    for (const reply of QUICK_REPLIES.filter((r) => !have.has(r.title))) await this.api("POST", "/api/quick-replies", { token: this.token(), body: reply });
  }

  /** The first macros a shop uses; only the missing ones are added. */
  async macros() {
    const { body } = await this.api("GET", "/api/macros", { token: this.token() });
    const have = new Set(body.macros.map((m) => m.name));
    for (const macro of MACROS.filter((m) => !have.has(m.name))) await this.api("POST", "/api/macros", { token: this.token(), body: macro });
  }

  /** Some customers answer the satisfaction survey their closed ticket got (the link is in the thread). */
  async surveyAnswers() {
    const { body } = await this.api("GET", "/api/tickets?view=all&status=closed&limit=100", { token: this.token() });
    let answered = 0;
    for (const t of body.tickets) {
      if (answered >= SURVEY_ANSWERS.length) break;
      const detail = await this.api("GET", `/api/tickets/${t.id}`, { token: this.token() });
      const link = detail.body.messages.map((m) => /\/survey\/([\w.-]+)/.exec(m.source === "survey" ? m.text : "")?.[1]).find(Boolean);
      if (!link) continue;
      const [score, comment] = SURVEY_ANSWERS[answered];
      const res = await fetchRetrying(`${this.base}/survey/${link}`, {
        method: "POST",
        headers: { "content-type": "application/x-www-form-urlencoded" },
        body: new URLSearchParams({ score: String(score), comment }).toString(),
      });
      if (res.ok) answered += 1;
    }
    return answered;
  }

  /** The demo's rules; only the missing ones are added. */
  async rules(rules) {
    const { body } = await this.api("GET", "/api/rules", { token: this.token() });
    const have = new Set(body.rules.map((r) => r.name));
    for (const rule of rules.filter((r) => !have.has(r.name))) await this.api("POST", "/api/rules", { token: this.token(), body: rule });
  }

  /** The ticket of a profile on a channel, from the listing (the D1 projection may lag a moment). */
  async findTicket(key, channel) {
    for (let attempt = 0; attempt < 40; attempt++) {
      const { body } = await this.api("GET", `/api/tickets?view=all&channel=${channel}&limit=100`, { token: this.token() });
      const hit = body.tickets.find((t) => t.profile?.phone === key || t.profile?.email === key);
      if (hit) return hit.id;
      await new Promise((r) => setTimeout(r, 250));
    }
    throw new Error(`no ${channel} ticket found for ${key}`);
  }

  ago(hours) {
    return new Date(this.now - hours * HOUR).toISOString();
  }
}

/** Raw MIME for a demo email: plain text, or text + HTML alternatives with inline images and attachments (multipart/mixed). */
export function mimeOf(mail, date) {
  const wrap = (b64) => b64.replace(/.{76}/g, "$&\r\n");
  const head = [
    `From: ${mail.from}`,
    `To: Northwind Support <${SUPPORT_ADDRESS}>`,
    `Subject: ${mail.subject}`,
    `Message-ID: ${mail.messageId}`,
    `Date: ${date.toUTCString().replace("GMT", "+0000")}`,
    "MIME-Version: 1.0",
  ];
  if (!mail.html) return [...head, "Content-Type: text/plain; charset=utf-8", "", mail.text, ""].join("\r\n");
  const text = (s) => wrap(Buffer.from(s, "utf8").toString("base64"));
  return [
    ...head,
    'Content-Type: multipart/mixed; boundary="seed-mixed"',
    "",
    "--seed-mixed",
    'Content-Type: multipart/alternative; boundary="seed-alt"',
    "",
    "--seed-alt",
    "Content-Type: text/plain; charset=utf-8",
    "Content-Transfer-Encoding: base64",
    "",
    text(mail.text),
    "--seed-alt",
    "Content-Type: text/html; charset=utf-8",
    "Content-Transfer-Encoding: base64",
    "",
    text(mail.html),
    "--seed-alt--",
    ...mail.attachments.flatMap((a) => [
      "--seed-mixed",
      `Content-Type: ${a.type}; name="${a.name}"`,
      `Content-Disposition: ${a.cid ? "inline" : "attachment"}; filename="${a.name}"`,
      ...(a.cid ? [`Content-ID: <${a.cid}>`] : []),
      "Content-Transfer-Encoding: base64",
      "",
      wrap(a.base64),
    ]),
    "--seed-mixed--",
    "",
  ].join("\r\n");
}

export function printTokens(demo, out = console.log) {
  out(`\nDemo workspace: ${demo.workspaceName} (${demo.workspaceId})`);
  const rows = Object.values(demo.agents).map((a) => [a.role, a.name, a.email, a.token]);
  const w = [0, 1, 2].map((c) => Math.max(...rows.map((r) => r[c].length)));
  for (const r of rows) out(`  ${r[0].padEnd(w[0])}  ${r[1].padEnd(w[1])}  ${r[2].padEnd(w[2])}  ${r[3]}`);
  out(`  (saved in ${path.relative(process.cwd(), DEMO_FILE)})`);
}

if (import.meta.url === pathToFileURL(process.argv[1] ?? "").href) {
  // The worker npm start started (recorded in .wrangler/demo.json), unless SIDEDESK_URL or PORT names another.
  const base = process.env.SIDEDESK_URL ?? (process.env.PORT ? `http://127.0.0.1:${process.env.PORT}` : (loadDemo()?.base ?? "http://127.0.0.1:8787"));
  seed(base)
    .then(printTokens)
    .catch((err) => {
      console.error(`Seed failed: ${err.message}\n(Is the worker running at ${base}? Start it with npm start.)`);
      process.exit(1);
    });
}
