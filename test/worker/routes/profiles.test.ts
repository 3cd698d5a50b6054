// Profiles: the customer panel (profile, activity, tickets) and blocking, which closes the ticket and mutes the profile.
import { beforeAll, describe, expect, it } from "vitest";
import { ProfileResponse } from "../../../shared/schemas";
import { api, createWorkspace, postEvents, sendSms, getProfile, getTicket, postMessage, type TestWorkspace } from "../helpers";
import { listIds, newPhone, openTicket } from "../inbox-helpers";

let ws: TestWorkspace;
beforeAll(async () => {
  ws = await createWorkspace();
});

describe("profiles", () => {
  it("shows the profile with its activity and tickets", async () => {
    const phone = newPhone();
    await postEvents(ws.id, [{ type: "activity", id: "ev-1", profile: { phone, name: "Iris Quinn" }, metric: "Placed order", properties: { total: 42 } }]);
    const t = await openTicket(ws.id, ws.support.token, phone);
    const res = await getProfile(ws.support.token, t.profile.id);
    expect(res.status).toBe(200);
    expect(res.body.profile).toMatchObject({ id: t.profile.id, name: "Iris Quinn", phone, blocked: false, smsConsent: null });
    expect(res.json).not.toHaveProperty("profile.workspaceId"); // the answer as received
    expect(res.body.activity).toEqual([expect.objectContaining({ metric: "Placed order", properties: { total: 42 } })]);
    expect(res.body.tickets).toEqual([expect.objectContaining({ id: t.id, status: "open", channel: "sms" })]);
    expect((await getProfile(ws.support.token, t.profile.id, "?metric=Viewed%20page")).body.activity).toEqual([]);
  });

  it("blocking closes the ticket, refuses replies, and later messages reopen nothing until unblocked", async () => {
    const t = await openTicket(ws.id, ws.support.token);
    await sendSms(ws.id, t.profile.phone, "START");
    const blocked = await api(ws.support.token, "POST", `/api/profiles/${t.profile.id}/block`, undefined, ProfileResponse);
    expect(blocked.status).toBe(200);
    expect(blocked.body.profile.blocked).toBe(true);
    const d = (await getTicket(ws.support.token, t.id)).body;
    expect(d.ticket).toMatchObject({ status: "closed", blocked: true, canReply: false });
    expect(d.messages.at(-1)?.text).toBe("Closed: profile blocked by Sam Support");
    const reply = await postMessage(ws.support.token, t.id, { kind: "reply", text: "hi" });
    expect(reply.status).toBe(409);
    expect(reply.error.code).toBe("profile_blocked");
    await sendSms(ws.id, t.profile.phone, "let me in");
    const after = (await getTicket(ws.support.token, t.id)).body;
    expect(after.ticket.status).toBe("closed");
    expect(after.messages.some((m) => m.text === "let me in")).toBe(true);
    expect(after.messages.filter((m) => m.source === "auto_responder")).toHaveLength(1);
    expect(await listIds(ws.support.token, "view=all&status=open")).not.toContain(t.id);
    const unblocked = await api(ws.support.token, "POST", `/api/profiles/${t.profile.id}/unblock`, undefined, ProfileResponse);
    expect(unblocked.body.profile.blocked).toBe(false);
    await sendSms(ws.id, t.profile.phone, "hello again");
    expect((await getTicket(ws.support.token, t.id)).body.ticket.status).toBe("open");
  });
});
