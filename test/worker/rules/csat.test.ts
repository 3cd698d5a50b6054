// Satisfaction surveys on real tickets: sent once per closed period after the delay (a reopen cancels it), never to an
// SMS number without consent; the signed link's page records an answer (bad input changes nothing), which lands on the
// ticket and sets off a low-score rule; web chat answers inline; the report counts them.
import * as clock from "../../../worker/src/clock";
import { SELF, env, runDurableObjectAlarm } from "cloudflare:test";
import { afterEach, beforeAll, describe, expect, it } from "vitest";
import { Report } from "../../../shared/schemas/report";
import { api, BASE, createWorkspace, postMessage, sendSms, setTicketStatus, type TestWorkspace } from "../helpers";
import { openTicket, ticketStubOf } from "../inbox-helpers";
import { chat, say, startChat, thread, ticketIdOf } from "../chat/chat-helpers";
import { createRule, eventually, lines, makeDue, storedState, ticketNow, timers } from "./rule-helpers";

let ws: TestWorkspace;
const clockStart = clock.clockOffset();
afterEach(() => clock.setClockOffset(clockStart));
beforeAll(async () => {
  ws = await createWorkspace();
  const r = await api(ws.owner.token, "PUT", "/api/settings", { csat: { channels: ["sms", "webchat"], delayMinutes: 60 } });
  expect(r.status).toBe(200);
});

/** Closes the ticket, then lets the survey's time come (the clock moves past the delay; the ticket's alarm runs). */
async function closeAndWait(id: string) {
  await setTicketStatus(ws.support.token, id, { status: "closed" });
  const [timer] = await timers(id, "csat");
  expect(timer).toBeDefined();
  clock.setClock(timer!.due_at);
  await makeDue(id, "csat", clock.now());
  await runDurableObjectAlarm(ticketStubOf(id));
}
const surveyLink = (all: string[]) => /\/survey\/(cs_[A-Za-z0-9_-]+\.[A-Za-z0-9_-]+)/.exec(all.find((l) => l.includes("/survey/")) ?? "")?.[1];
const form = (token: string, body: string) =>
  SELF.fetch(`${BASE}/survey/${token}`, { method: "POST", headers: { "content-type": "application/x-www-form-urlencoded" }, body });

describe("satisfaction survey by SMS", () => {
  it("goes out once, an hour after the close, and a reopen before then cancels it", async () => {
    const t = await openTicket(ws.id, ws.support.token);
    await sendSms(ws.id, t.profile.phone, "START");
    await setTicketStatus(ws.support.token, t.id, { status: "closed" });
    const { closedAt } = (await storedState(t.id)) as unknown as { closedAt: number };
    expect(await timers(t.id, "csat")).toMatchObject([{ due_at: closedAt + 60 * 60_000 }]);
    await setTicketStatus(ws.support.token, t.id, { status: "open" });
    expect(await timers(t.id, "csat")).toEqual([]);
    await closeAndWait(t.id);
    const all = await lines(ws.support.token, t.id);
    expect(all).toContain("activity:Satisfaction survey sent");
    expect(all.filter((l) => l.startsWith("outbound:How would you rate the help you got from Shop"))).toHaveLength(1);
    expect(surveyLink(all)).toBeTruthy();
    await runDurableObjectAlarm(ticketStubOf(t.id)); // a repeated alarm sends nothing more
    expect((await lines(ws.support.token, t.id)).filter((l) => l.includes("/survey/"))).toHaveLength(1);
    expect(await timers(t.id, "csat")).toEqual([]);
  });

  it("the page records an answer (refusing a bad one), the ticket shows it, and a low score sets off a rule", async () => {
    await createRule(ws.admin.token, {
      name: "Unhappy customers",
      trigger: { type: "csat_received", maxScore: 2 },
      actions: [{ type: "add_tags", tags: ["unhappy"] }],
    });
    const t = await openTicket(ws.id, ws.support.token);
    await sendSms(ws.id, t.profile.phone, "START");
    await postMessage(ws.support.token, t.id, { kind: "reply", text: "Sorted!" });
    await closeAndWait(t.id);
    const token = surveyLink(await lines(ws.support.token, t.id))!;
    const page = await SELF.fetch(`${BASE}/survey/${token}?score=4`);
    expect(page.status).toBe(200);
    expect(page.headers.get("content-security-policy")).toContain("default-src 'none'");
    const html = await page.text();
    expect(html).toContain("How would you rate the help you got from Shop");
    expect(html).toContain('value="4" checked');
    const [id, sig] = token.split(".") as [string, string];
    const forged = `${id}.${sig[0] === "A" ? "B" : "A"}${sig.slice(1)}`; // one character of the signature changed
    expect((await SELF.fetch(`${BASE}/survey/${forged}`)).status).toBe(404);
    const bad = await form(token, "score=6");
    expect(bad.status).toBe(400);
    expect(await env.DB.prepare("SELECT score FROM csat_surveys WHERE ticket_id = ?1").bind(t.id).first("score")).toBeNull();
    const good = await form(token, `score=2&comment=${encodeURIComponent("Took <b>too</b> long")}`);
    expect(good.status).toBe(200);
    expect(await good.text()).toContain("Thank you for your answer!");
    expect(await env.DB.prepare("SELECT score, comment FROM csat_surveys WHERE ticket_id = ?1").bind(t.id).first()).toEqual({
      score: 2,
      comment: "Took <b>too</b> long",
    });
    expect(await lines(ws.support.token, t.id)).toContain("activity:The customer rated the help 2/5: “Took <b>too</b> long”");
    expect(
      (
        await eventually(
          () => ticketNow(ws.support.token, t.id),
          (x) => x.tags.includes("unhappy"),
        )
      ).tags,
    ).toContain("unhappy");
  });

  it("is not sent to a number without SMS consent, and says so", async () => {
    const t = await openTicket(ws.id, ws.support.token);
    await closeAndWait(t.id);
    const all = await lines(ws.support.token, t.id);
    expect(all).toContain("activity:Satisfaction survey not sent: the customer has not agreed to receive SMS");
    expect(all.some((l) => l.includes("/survey/"))).toBe(false);
  });
});

describe("satisfaction survey in web chat", () => {
  it("asks inline; the widget's answer is recorded and shows on the thread", async () => {
    const s = await startChat(ws.id);
    await say(s, "Do you have it in blue?");
    const id = ticketIdOf(s);
    await eventually(
      () => storedState(id),
      (x) => x.status === "open",
    );
    await closeAndWait(id);
    const survey = (await thread(s)).body.messages.find((m) => m.survey)?.survey;
    expect(survey).toMatchObject({ question: "How would you rate the help you got from Shop 1?", score: null });
    const answered = await chat("POST", `/${ws.id}/survey/${survey!.token}`, { body: { score: 5 } });
    expect(answered.status).toBe(200);
    expect(answered.headers.get("access-control-allow-origin")).toBe("*");
    expect((await thread(s)).body.messages.find((m) => m.survey)?.survey?.score).toBe(5);
    expect((await chat("POST", `/${ws.id}/survey/${survey!.token}`, { body: { score: "great" } })).status).toBe(400);
    const other = await createWorkspace();
    expect((await chat("POST", `/${other.id}/survey/${survey!.token}`, { body: { score: 1 } })).status).toBe(404);
  });
});

describe("satisfaction in the report", () => {
  it("counts surveys sent, answered and satisfied by channel and agent, with the comments", async () => {
    // Surveys went out an hour after each close, which may be tomorrow in New York: the range spans the days around now.
    const day = (ms: number) => new Intl.DateTimeFormat("en-CA", { timeZone: "America/New_York" }).format(ms);
    const range = `?from=${day(clock.now() - 2 * 86_400_000)}&to=${day(clock.now() + 2 * 86_400_000)}`;
    const r = (await api(ws.admin.token, "GET", `/api/reports${range}`, undefined, Report)).body.csat;
    expect(r.totals.sent).toBe(3); // the number without consent got none
    expect(r.totals).toMatchObject({ answered: 2, satisfied: 1 });
    expect(r.byChannel.find((c) => c.key === "webchat")).toMatchObject({ sent: 1, answered: 1, satisfied: 1 });
    expect(r.comments).toEqual([expect.objectContaining({ score: 2, comment: "Took <b>too</b> long", channel: "sms" })]);
    expect(r.comments[0]?.number).toEqual(expect.any(Number));
  });
});
