// Per-agent read state and favorites: unread for everyone on a new inbound, read/unread per agent, own replies read.
import { beforeAll, describe, expect, it } from "vitest";
import { api, createWorkspace, sendSms, getTicket, getTicketPage, patchTicket, postMessage, type TestWorkspace } from "../helpers";
import { listIds, openTicket } from "../inbox-helpers";

let ws: TestWorkspace;
beforeAll(async () => {
  ws = await createWorkspace();
});

async function unreadFor(token: string, id: string) {
  const inView = (await listIds(token, "view=unread")).includes(id);
  const summary = (await getTicketPage(token, "view=all&limit=100")).body.tickets.find((x) => x.id === id);
  const detail = (await getTicket(token, id)).body.ticket.unread;
  expect(summary?.unread).toBe(inView); // the list and the view agree …
  expect(detail).toBe(inView); // … and so does the detail
  return inView;
}

describe("read state", () => {
  it("a new inbound message is unread for every inbox agent; read and unread are per agent", async () => {
    const t = await openTicket(ws.id, ws.support.token);
    for (const who of [ws.owner, ws.admin, ws.support, ws.support2]) expect(await unreadFor(who.token, t.id)).toBe(true);
    expect((await api(ws.support.token, "POST", `/api/tickets/${t.id}/read`)).status).toBe(200);
    expect(await unreadFor(ws.support.token, t.id)).toBe(false);
    expect(await unreadFor(ws.support2.token, t.id)).toBe(true);
    expect(await unreadFor(ws.owner.token, t.id)).toBe(true);
    await api(ws.support.token, "POST", `/api/tickets/${t.id}/unread`);
    expect(await unreadFor(ws.support.token, t.id)).toBe(true);
    await api(ws.support.token, "POST", `/api/tickets/${t.id}/read`);
    expect(await unreadFor(ws.support.token, t.id)).toBe(false);
    await sendSms(ws.id, t.profile.phone, "one more question");
    expect(await unreadFor(ws.support.token, t.id)).toBe(true);
  });

  it("an agent's own reply marks the ticket read for that agent only", async () => {
    const t = await openTicket(ws.id, ws.support.token);
    await sendSms(ws.id, t.profile.phone, "START"); // consent, so SMS replies are allowed
    const reply = await postMessage(ws.support2.token, t.id, { kind: "reply", text: "On its way!" });
    expect(reply.status).toBe(201);
    expect(await unreadFor(ws.support2.token, t.id)).toBe(false);
    expect(await unreadFor(ws.support.token, t.id)).toBe(true);
    const note = await postMessage(ws.owner.token, t.id, { kind: "note", text: "fine" });
    expect(note.status).toBe(201);
    expect(await unreadFor(ws.owner.token, t.id)).toBe(false);
    await sendSms(ws.id, t.profile.phone, "thanks!");
    expect(await unreadFor(ws.support2.token, t.id)).toBe(true);
  });

  it("a keyword message does not make the ticket unread", async () => {
    const t = await openTicket(ws.id, ws.support.token);
    await api(ws.support.token, "POST", `/api/tickets/${t.id}/read`);
    await sendSms(ws.id, t.profile.phone, "HELP");
    expect(await unreadFor(ws.support.token, t.id)).toBe(false);
  });
});

describe("favorites", () => {
  it("a star belongs to the agent who set it", async () => {
    const t = await openTicket(ws.id, ws.support.token);
    const res = await patchTicket(ws.support.token, t.id, { favorite: true });
    expect(res.body.ticket.favorite).toBe(true);
    expect(await listIds(ws.support.token, "view=favorites")).toEqual([t.id]);
    expect(await listIds(ws.support2.token, "view=favorites")).toEqual([]);
    expect((await getTicket(ws.support2.token, t.id)).body.ticket.favorite).toBe(false);
    await patchTicket(ws.support2.token, t.id, { favorite: true });
    await patchTicket(ws.support.token, t.id, { favorite: false });
    expect(await listIds(ws.support.token, "view=favorites")).toEqual([]);
    expect(await listIds(ws.support2.token, "view=favorites")).toEqual([t.id]);
  });
});
