// GET /api/reports: what is recorded (first agent reply, latest close, reopen), the numbers per day, channel, agent and tag,
// time-zone bucketing, roles and tenancy. Tickets are real (SMS webhooks, web chat, agent API); to get fixed durations the
// aggregation tests then move the projected times of those rows in D1 to known instants.
import * as clock from "../../../worker/src/clock";
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { Report } from "../../../shared/schemas/report";
import { api, createWorkspace, sendSms, getTicket, patchTicket, postMessage, setTicketStatus, type TestWorkspace } from "../helpers";
import { addAgent, newPhone, openTicket } from "../inbox-helpers";
import { say, startChat, ticketIdOf } from "../chat/chat-helpers";

interface Row {
  created_at: number;
  first_response_at: number | null;
  first_responder_id: string | null;
  period_started_at: number | null;
  closed_at: number | null;
}
const row = (id: string) =>
  env.DB.prepare("SELECT created_at, first_response_at, first_responder_id, period_started_at, closed_at FROM tickets WHERE id = ?1").bind(id).first<Row>();
const report = (token: string, q = "") => api(token, "GET", `/api/reports${q}`, undefined, Report);
const post = (token: string, id: string, kind: "reply" | "note", text = "On it") => postMessage(token, id, { kind, text });
const setStatus = (token: string, id: string, status: string) => setTicketStatus(token, id, { status });
const at = (iso: string) => Date.parse(iso);

/** An SMS ticket whose profile gave consent (START), so agents may reply. */
async function consented(w: TestWorkspace, text = "Where is my order?") {
  const phone = newPhone();
  await sendSms(w.id, phone, "START");
  return openTicket(w.id, w.owner.token, phone, text);
}

async function move(id: string, t: { created: number; firstResponse?: number | null; closed?: number | null }) {
  await env.DB.prepare("UPDATE tickets SET created_at = ?2, period_started_at = ?2, first_response_at = ?3, closed_at = ?4 WHERE id = ?1")
    .bind(id, t.created, t.firstResponse ?? null, t.closed ?? null)
    .run();
}

describe("what a ticket records", () => {
  let ws: TestWorkspace;
  beforeAll(async () => {
    ws = await createWorkspace();
    const s = await api(ws.owner.token, "PUT", "/api/settings", { sms: { autoResponder: { audience: "all", text: "Thanks, we'll reply soon." } } });
    expect(s.status).toBe(200);
  });

  it("first response is the first agent reply: not the auto-responder, not a note, not a later reply", async () => {
    const t = await consented(ws);
    const detail = await getTicket(ws.owner.token, t.id);
    expect(detail.body.messages.some((m) => m.kind === "outbound" && m.source === "auto_responder")).toBe(true);
    expect((await row(t.id))?.first_response_at).toBeNull();
    expect((await post(ws.support.token, t.id, "note", "checking the carrier")).status).toBe(201);
    expect((await row(t.id))?.first_response_at).toBeNull();
    const first = await post(ws.support.token, t.id, "reply", "It ships today");
    expect(first.status).toBe(201);
    expect((await post(ws.support2.token, t.id, "reply", "Tracking link follows")).status).toBe(201);
    expect(await row(t.id)).toMatchObject({ first_response_at: Date.parse(first.body.message.createdAt), first_responder_id: ws.support.id, closed_at: null });
    const r = await report(ws.owner.token);
    expect(r.body.totals.created).toBeGreaterThanOrEqual(1);
    expect(r.body.totals.medianFirstResponseSeconds).not.toBeNull();
    const sam = r.body.byAgent.find((a) => a.agentId === ws.support.id);
    expect(sam!.medianFirstResponseSeconds).not.toBeNull();
    expect(r.body.byAgent.find((a) => a.agentId === ws.support2.id)?.medianFirstResponseSeconds).toBeNull();
  });

  it("resolution is the latest close; a reopened ticket is unresolved until closed again, timed from its reopening", async () => {
    const t = await openTicket(ws.id, ws.owner.token);
    const before = (await report(ws.owner.token)).body.totals.resolved;
    await setStatus(ws.support.token, t.id, "closed");
    const closed = await row(t.id);
    expect(closed?.closed_at).toBeGreaterThanOrEqual(closed!.created_at);
    expect(closed?.period_started_at).toBe(closed?.created_at);
    expect((await report(ws.owner.token)).body.totals.resolved).toBe(before + 1);

    await sendSms(ws.id, t.profile.phone, "Actually, one more thing");
    const reopened = await row(t.id);
    expect(reopened?.closed_at).toBeNull();
    expect(reopened?.period_started_at).toBeGreaterThanOrEqual(closed!.closed_at!);
    expect((await report(ws.owner.token)).body.totals.resolved).toBe(before);

    await setStatus(ws.support.token, t.id, "closed");
    const again = await row(t.id);
    expect(again?.closed_at).toBeGreaterThanOrEqual(reopened!.period_started_at!);
    expect(again?.period_started_at).toBe(reopened?.period_started_at);
    expect((await report(ws.owner.token)).body.totals.resolved).toBe(before + 1);
  });
});

describe("the report over a date range", () => {
  let ws: TestWorkspace;
  let other: TestWorkspace;
  let analyst: { id: string; token: string };
  let manager: { id: string; token: string };
  const RANGE = "?from=2026-03-01&to=2026-03-10";

  beforeAll(async () => {
    ws = await createWorkspace({ timezone: "America/New_York" });
    other = await createWorkspace({ timezone: "America/New_York" });
    analyst = await addAgent(ws.owner.token, "Ana Analyst", "analyst");
    manager = await addAgent(ws.owner.token, "Max Manager", "manager");
    const [a, b, c, d, e] = [await consented(ws), await consented(ws), await consented(ws), await consented(ws), await consented(ws)];
    const chat = await startChat(ws.id);
    expect((await say(chat, "Hi, do you ship to Canada?")).status).toBeLessThan(300);
    const f = ticketIdOf(chat);
    await patchTicket(ws.owner.token, a.id, { assigneeId: ws.support.id, tags: ["shipping/delayed"] });
    await patchTicket(ws.owner.token, b.id, { assigneeId: ws.support2.id, tags: ["shipping/lost", "vip"] });
    await patchTicket(ws.owner.token, c.id, { assigneeId: ws.support.id, tags: ["billing"] });
    for (const [who, id] of [
      [ws.support, a.id],
      [ws.support2, b.id],
      [ws.support, c.id],
    ] as const)
      expect((await post(who.token, id, "reply")).status).toBe(201);
    for (const id of [a.id, b.id, d.id, f]) expect((await setStatus(ws.owner.token, id, "closed")).status).toBe(200);
    // Known instants (New York is UTC-5 until 8 March 2026, then UTC-4).
    const A = at("2026-03-02T14:00:00Z"),
      B = at("2026-03-02T15:00:00Z"),
      C = at("2026-03-10T03:30:00Z"),
      F = at("2026-03-03T12:00:00Z");
    await move(a.id, { created: A, firstResponse: A + 600_000, closed: A + 3_600_000 });
    await move(b.id, { created: B, firstResponse: B + 1_200_000, closed: B + 7_200_000 });
    await move(c.id, { created: C, firstResponse: C + 1_800_000 }); // 23:30 on 9 March in New York
    await move(d.id, { created: at("2026-02-20T12:00:00Z"), closed: at("2026-03-05T12:00:00Z") }); // created before the range, resolved in it
    await move(e.id, { created: at("2026-03-11T05:00:00Z") }); // 01:00 on 11 March in New York: after the range
    await move(f, { created: F, closed: F + 3_600_000 });
    // The other workspace's tickets sit in the same range and must never be counted here.
    for (let i = 0; i < 2; i++) {
      const t = await consented(other);
      await setStatus(other.owner.token, t.id, "closed");
      await move(t.id, { created: A, firstResponse: A + 5_000, closed: A + 10_000 });
    }
  });

  it("totals: created and resolved in the range, open now, median and p90 first response, median resolution", async () => {
    const r = await report(analyst.token, RANGE);
    expect(r.status).toBe(200);
    expect(r.body.range).toEqual({ from: "2026-03-01", to: "2026-03-10", timezone: "America/New_York", channel: null });
    // first responses 600, 1200, 1800 s (the chat got none); resolutions 3600, 3600, 7200 s and 13 days
    expect(r.body.totals).toEqual({
      created: 4,
      resolved: 4,
      openNow: 2,
      medianFirstResponseSeconds: 1200,
      p90FirstResponseSeconds: 1680,
      medianResolutionSeconds: 5400,
    });
  });

  it("volume per day is bucketed in the workspace time zone", async () => {
    const { volume } = (await report(ws.owner.token, RANGE)).body;
    expect(volume).toHaveLength(10);
    const nonZero = volume.filter((d) => d.created || d.resolved);
    expect(nonZero).toEqual([
      { date: "2026-03-02", created: 2, resolved: 2 },
      { date: "2026-03-03", created: 1, resolved: 1 },
      { date: "2026-03-05", created: 0, resolved: 1 },
      { date: "2026-03-09", created: 1, resolved: 0 },
    ]);
    // 03:30 UTC on 10 March is still 9 March in New York: a range of only 10 March does not hold it
    expect((await report(ws.owner.token, "?from=2026-03-10&to=2026-03-10")).body.totals.created).toBe(0);
    expect((await report(ws.owner.token, "?from=2026-03-09&to=2026-03-09")).body.totals.created).toBe(1);
    expect((await report(ws.owner.token, "?from=2026-03-11&to=2026-03-11")).body.totals.created).toBe(1);
  });

  it("per channel, and filtered to one channel", async () => {
    const r = (await report(ws.owner.token, RANGE)).body;
    expect(r.byChannel).toEqual([
      { channel: "sms", created: 3, resolved: 3, medianFirstResponseSeconds: 1200, medianResolutionSeconds: 7200 },
      { channel: "webchat", created: 1, resolved: 1, medianFirstResponseSeconds: null, medianResolutionSeconds: 3600 },
      { channel: "email", created: 0, resolved: 0, medianFirstResponseSeconds: null, medianResolutionSeconds: null },
    ]);
    const chat = (await report(ws.owner.token, `${RANGE}&channel=webchat`)).body;
    expect(chat.totals).toMatchObject({ created: 1, resolved: 1, openNow: 0, medianResolutionSeconds: 3600 });
    expect(chat.byChannel.map((c) => c.channel)).toEqual(["webchat"]);
  });

  it("per agent: assigned, resolved, and the first responses each agent gave", async () => {
    const byAgent = Object.fromEntries((await report(ws.owner.token, RANGE)).body.byAgent.map((a) => [a.name, a]));
    expect(byAgent["Sam Support"]).toEqual({ agentId: ws.support.id, name: "Sam Support", assigned: 2, resolved: 1, medianFirstResponseSeconds: 1200 });
    expect(byAgent["Sue Support"]).toEqual({ agentId: ws.support2.id, name: "Sue Support", assigned: 1, resolved: 1, medianFirstResponseSeconds: 1200 });
    expect(byAgent.Unassigned).toEqual({ agentId: null, name: "Unassigned", assigned: 1, resolved: 2, medianFirstResponseSeconds: null });
    expect(byAgent["Olivia Owner"]).toMatchObject({ assigned: 0, resolved: 0 });
    expect(byAgent["Ana Analyst"]).toBeUndefined();
  });

  it("per tag, a parent tag counting its sub-tags", async () => {
    const byTag = (await report(ws.owner.token, RANGE)).body.byTag;
    expect(byTag).toEqual([
      { tag: "shipping", created: 2, resolved: 2, medianResolutionSeconds: 5400 },
      { tag: "shipping/delayed", created: 1, resolved: 1, medianResolutionSeconds: 3600 },
      { tag: "shipping/lost", created: 1, resolved: 1, medianResolutionSeconds: 7200 },
      { tag: "vip", created: 1, resolved: 1, medianResolutionSeconds: 7200 },
      { tag: "billing", created: 1, resolved: 0, medianResolutionSeconds: null },
    ]);
  });

  it("never counts another workspace's tickets", async () => {
    const theirs = (await report(other.owner.token, RANGE)).body;
    expect(theirs.totals).toMatchObject({ created: 2, resolved: 2, medianFirstResponseSeconds: 5, medianResolutionSeconds: 10 });
    expect((await report(ws.owner.token, RANGE)).body.totals.created).toBe(4);
  });

  it("is for owner, admin, manager and analyst; support is refused; no token is 401", async () => {
    for (const token of [ws.owner.token, ws.admin.token, manager.token, analyst.token]) expect((await report(token, RANGE)).status).toBe(200);
    const refused = await report(ws.support.token, RANGE);
    expect(refused.status).toBe(403);
    expect(refused.error.code).toBe("forbidden");
    expect((await report("", RANGE)).status).toBe(401);
  });

  it("defaults to the last 30 days in the workspace time zone and refuses bad ranges with 400", async () => {
    const d = (await report(analyst.token)).body;
    const today = new Intl.DateTimeFormat("en-CA", { timeZone: "America/New_York" }).format(clock.nowDate());
    expect(d.range.to).toBe(today);
    expect(d.volume).toHaveLength(30);
    for (const q of [
      "?from=2026-13-01",
      "?from=2026-02-30",
      "?from=2026-03-10&to=2026-03-01",
      "?from=2025-01-01&to=2026-01-02",
      "?channel=fax",
      "?from=yesterday",
      "?bogus=1",
    ]) {
      const r = await report(analyst.token, q);
      expect(r.status, q).toBe(400);
      expect(r.error.code, q).toMatch(/invalid_(request|range)/);
    }
    expect((await report(analyst.token, "?from=2025-03-01&to=2026-03-01")).status).toBe(200); // 366 days
  });
});
