// Followers (Channel Talk): the assignee becomes a follower and stays one when the ticket moves on; agents follow tags,
// and round-robin rules give a tagged ticket to an online operator who follows its tag.
import * as clock from "../../../worker/src/clock";
import { env, runDurableObjectAlarm } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { Me } from "../../../shared/schemas";
import { api, createWorkspace, patchTicket, sendSms, type TestWorkspace } from "../helpers";
import { connectRealtime, listIds, openTicket, ticketStubOf } from "../inbox-helpers";
import { atClock, createRule, deleteRule, makeDue, ticketNow, timers } from "./rule-helpers";

let ws: TestWorkspace;
beforeAll(async () => {
  ws = await createWorkspace();
});

describe("followers", () => {
  it("assigning makes the assignee a follower, who still follows (and sees it in My sessions) after a reassignment", async () => {
    const t = await openTicket(ws.id, ws.support.token);
    await patchTicket(ws.support.token, t.id, { assigneeId: ws.support.id });
    expect((await ticketNow(ws.support.token, t.id)).followers).toEqual([ws.support.id]);
    await patchTicket(ws.support.token, t.id, { assigneeId: ws.support2.id });
    expect([...(await ticketNow(ws.support.token, t.id)).followers].sort()).toEqual([ws.support.id, ws.support2.id].sort());
    expect(await listIds(ws.support.token, "view=sessions")).toContain(t.id);
    expect(await listIds(ws.support.token, "view=mine")).not.toContain(t.id);
  });

  it("agents follow tags of their own choosing (tags checked, repeats dropped)", async () => {
    const r = await api(ws.support2.token, "PATCH", "/api/me", { followedTags: ["Returns", "returns", "vip/gold"] }, Me);
    expect(r.body.agent.followedTags).toEqual(["returns", "vip/gold"]);
    expect((await api(ws.support2.token, "GET", "/api/me", undefined, Me)).body.agent.followedTags).toEqual(["returns", "vip/gold"]);
    expect((await api(ws.support2.token, "PATCH", "/api/me", { followedTags: ["not a/ /tag"] })).status).toBe(400);
  });

  it("round-robin gives a tagged ticket to the online operator who follows its tag, even with more open tickets", async () => {
    for (const a of [ws.support, ws.support2]) await api(a.token, "PATCH", "/api/me", { operator: true });
    await api(ws.support2.token, "PATCH", "/api/me", { followedTags: ["returns"] });
    const sockets = [await connectRealtime(ws.support.token), await connectRealtime(ws.support2.token)];
    const busy = await openTicket(ws.id, ws.support.token);
    await patchTicket(ws.support.token, busy.id, { assigneeId: ws.support2.id }); // Sue has more open tickets than Sam
    const rule = await createRule(ws.admin.token, {
      name: "Returns desk",
      trigger: { type: "ticket_created" },
      conditions: [{ field: "text", op: "contains_any", words: ["return"] }],
      actions: [
        { type: "add_tags", tags: ["returns/damaged"] },
        { type: "assign", to: "round_robin" },
      ],
    });
    const t = await openTicket(ws.id, ws.support.token, undefined, "I want to return a broken mug");
    expect((await ticketNow(ws.support.token, t.id)).assigneeId).toBe(ws.support2.id);
    const other = await openTicket(ws.id, ws.support.token, undefined, "Where is my parcel?");
    expect((await ticketNow(ws.support.token, other.id)).assigneeId).toBeNull(); // the rule did not apply
    for (const s of sockets) s.ws.close();
    await deleteRule(ws.admin.token, rule.id);
  });
});

describe("new-message emails for followers", () => {
  it("email the followers who asked for them and are offline, once for a burst of messages", async () => {
    const t = await openTicket(ws.id, ws.support.token);
    await patchTicket(ws.support.token, t.id, { assigneeId: ws.support.id, followers: [ws.admin.id] });
    expect((await api(ws.support.token, "PATCH", "/api/me", { notifyFollowed: true }, Me)).body.agent.notifyFollowed).toBe(true);
    // Ada follows too but did not ask; Sue asked but does not follow.
    await api(ws.support2.token, "PATCH", "/api/me", { notifyFollowed: true });
    await sendSms(ws.id, t.profile.phone, "Hello? Any news on my order?");
    await sendSms(ws.id, t.profile.phone, "It was supposed to come yesterday");
    const [timer] = await timers(t.id, "follow-mail");
    expect(timer).toBeDefined();
    await atClock(timer!.due_at, async () => {
      await makeDue(t.id, "follow-mail", clock.now());
      await runDurableObjectAlarm(ticketStubOf(t.id));
    });
    const { results } = await env.DB.prepare("SELECT to_address, subject, body FROM outbox WHERE workspace_id = ?1 AND channel = 'email' AND ticket_id = ?2")
      .bind(ws.id, t.id)
      .all<{ to_address: string; subject: string; body: string }>();
    const sam = (await api(ws.support.token, "GET", "/api/me", undefined, Me)).body.agent.email;
    expect(results.map((r) => r.to_address)).toEqual([sam.toLowerCase()]);
    expect(results[0]?.subject).toContain(`wrote on #${t.number}`);
    expect(results[0]?.body).toContain("It was supposed to come yesterday");
    expect(await timers(t.id, "follow-mail")).toEqual([]);
  });
});
