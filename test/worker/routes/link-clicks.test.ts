// Short-link clicks: the message that carried the link counts them (live in panels), the customer's activity logs them
// with the ticket's attribution, and the customer is redirected whatever happens.
import { SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { BASE, createWorkspace, getProfile, getTicket, postMessage, sendSms, type TestWorkspace } from "../helpers";
import { openTicket } from "../inbox-helpers";

let ws: TestWorkspace;
beforeAll(async () => {
  ws = await createWorkspace();
});

describe("short-link clicks", () => {
  it("count on the message that carried the link and in the customer's activity", async () => {
    const t = await openTicket(ws.id, ws.support.token);
    await sendSms(ws.id, t.profile.phone, "START");
    const sent = await postMessage(ws.support.token, t.id, { kind: "reply", text: "Track it here: https://carrier.example/track/1Z999" });
    const short = /https?:\/\/\S+\/s\/([A-Za-z0-9_-]+)/.exec(sent.body.message.text);
    expect(short).not.toBeNull();
    for (let i = 0; i < 2; i++) {
      const res = await SELF.fetch(`${BASE}/s/${short![1]}`, { redirect: "manual" });
      expect(res.status).toBe(302);
      expect(res.headers.get("location")).toBe("https://carrier.example/track/1Z999");
    }
    const message = (await getTicket(ws.support.token, t.id)).body.messages.find((m) => m.id === sent.body.message.id);
    expect(message?.linkClicks).toBe(2);
    const activity = (await getProfile(ws.support.token, t.profile.id, "?metric=Clicked%20SMS%20link")).body.activity;
    expect(activity).toHaveLength(2);
    expect(activity[0]?.properties).toMatchObject({ url: "https://carrier.example/track/1Z999", ticketId: t.id });
    expect((await SELF.fetch(`${BASE}/s/nope`, { redirect: "manual" })).status).toBe(404);
  });
});
