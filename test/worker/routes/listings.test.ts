// GET /api/tickets: every view, every filter, text search and keyset pagination, as an agent sees them.
import { beforeAll, describe, expect, it } from "vitest";
import { Me } from "../../../shared/schemas";
import { api, createWorkspace, postEvents, getTicketPage, patchTicket, setTicketStatus, type TestWorkspace } from "../helpers";
import { listIds, newPhone, openTicket } from "../inbox-helpers";

let ws: TestWorkspace;
const t: Record<string, { id: string; phone: string }> = {};

beforeAll(async () => {
  ws = await createWorkspace();
  const nora = newPhone();
  expect(
    (
      await postEvents(ws.id, [
        { type: "activity", id: "ev-nora", profile: { phone: nora, name: "Nora Lindqvist", email: "nora.l@example.com" }, metric: "Viewed page" },
      ])
    ).status,
  ).toBe(200);
  const open = async (key: string, text: string, phone = newPhone()) => {
    t[key] = { id: (await openTicket(ws.id, ws.support.token, phone, text)).id, phone };
  };
  await open("mine", "Where is my parcel?", nora);
  await open("closed", "Refund for the invoice");
  await open("followed", "Size exchange");
  await open("kayak", "The kayak paddle arrived broken");
  await open("fav", "Do you ship to Canada?");
  await open("snoozed", "Call me next week");
  const patch = (key: string, body: unknown) => patchTicket(ws.support.token, t[key]!.id, body);
  await patch("mine", { assigneeId: ws.support.id, tags: ["shipping/delayed"] });
  await patch("closed", { tags: ["billing"] });
  await setTicketStatus(ws.support.token, t.closed!.id, { status: "closed" });
  await patch("followed", { assigneeId: ws.support2.id, followers: [ws.support.id], tags: ["shipping"] });
  await patch("fav", { favorite: true });
  await setTicketStatus(ws.support.token, t.snoozed!.id, { status: "snoozed", preset: "tomorrow" });
});

const ids = (...keys: string[]) => keys.map((k) => t[k]!.id).sort();
const sorted = async (token: string, query: string) => (await listIds(token, query)).sort();

describe("views", () => {
  it("mine, unassigned, all, favorites and sessions hold the right tickets", async () => {
    const s = ws.support.token;
    expect(await sorted(s, "view=mine")).toEqual(ids("mine"));
    expect(await sorted(s, "view=unassigned")).toEqual(ids("kayak", "fav"));
    expect(await sorted(s, "view=all")).toEqual(ids("mine", "closed", "followed", "kayak", "fav", "snoozed"));
    expect(await sorted(s, "")).toEqual(await sorted(s, "view=all"));
    expect(await sorted(s, "view=favorites")).toEqual(ids("fav"));
    expect(await sorted(ws.support2.token, "view=favorites")).toEqual([]);
    expect(await sorted(s, "view=sessions")).toEqual(ids("mine", "followed"));
    expect(await sorted(ws.support2.token, "view=mine")).toEqual(ids("followed"));
    expect(await sorted(ws.support2.token, "view=sessions")).toEqual(ids("followed"));
  });

  it("operator mode adds unassigned tickets to My sessions", async () => {
    const on = await api(ws.support.token, "PATCH", "/api/me", { operator: true }, Me);
    expect(on.body.agent.operator).toBe(true);
    expect(await sorted(ws.support.token, "view=sessions")).toEqual(ids("mine", "followed", "kayak", "fav"));
    await api(ws.support.token, "PATCH", "/api/me", { operator: false });
    expect(await sorted(ws.support.token, "view=sessions")).toEqual(ids("mine", "followed"));
    expect((await api(ws.support.token, "PATCH", "/api/me", { operator: "yes" })).status).toBe(400);
  });

  it("a summary carries what the list shows", async () => {
    const list = (await getTicketPage(ws.support.token, "view=mine")).body.tickets;
    expect(list[0]).toMatchObject({
      id: t.mine!.id,
      channel: "sms",
      status: "open",
      assigneeId: ws.support.id,
      tags: ["shipping/delayed"],
      favorite: false,
      profile: { name: "Nora Lindqvist", phone: t.mine!.phone, email: "nora.l@example.com" },
      snoozedUntil: null,
    });
    expect(list[0]?.lastMessage?.direction).toBe("outbound"); // the auto-responder answered last
    const fav = (await getTicketPage(ws.support.token, "view=favorites")).body.tickets[0];
    expect(fav?.favorite).toBe(true);
    expect((await getTicketPage(ws.support2.token, `view=all&q=Canada`)).body.tickets[0]?.favorite).toBe(false);
  });
});

describe("filters", () => {
  it("status, channel, tag (parents match sub-tags) and assignee", async () => {
    const s = ws.support.token;
    expect(await sorted(s, "view=all&status=closed")).toEqual(ids("closed"));
    expect(await sorted(s, "view=all&status=snoozed")).toEqual(ids("snoozed"));
    expect(await sorted(s, "view=all&status=open")).toEqual(ids("mine", "followed", "kayak", "fav"));
    expect(await sorted(s, "view=all&channel=sms")).toHaveLength(6);
    expect(await sorted(s, "view=all&channel=webchat")).toEqual([]);
    expect(await sorted(s, "view=all&tag=shipping")).toEqual(ids("mine", "followed"));
    expect(await sorted(s, "view=all&tag=shipping%2Fdelayed")).toEqual(ids("mine"));
    expect(await sorted(s, "view=all&tag=Shipping")).toEqual(ids("mine", "followed"));
    expect(await sorted(s, "view=all&tag=ship")).toEqual([]);
    expect(await sorted(s, "view=all&tag=billing")).toEqual(ids("closed"));
    expect(await sorted(s, "view=mine&tag=shipping")).toEqual(ids("mine"));
    expect(await sorted(s, `view=all&assignee=${ws.support2.id}`)).toEqual(ids("followed"));
    expect(await sorted(s, "view=all&assignee=none")).toEqual(ids("closed", "kayak", "fav", "snoozed"));
    expect((await getTicketPage(s, "status=archived")).status).toBe(400);
    expect((await getTicketPage(s, "view=everything")).status).toBe(400);
  });

  it("text search over profile name, phone, email and message text", async () => {
    const s = ws.support.token;
    expect(await sorted(s, "q=Lindqvist")).toEqual(ids("mine"));
    expect(await sorted(s, "q=nora")).toEqual(ids("mine"));
    expect(await sorted(s, `q=${encodeURIComponent("nora.l@example.com")}`)).toEqual(ids("mine"));
    expect(await sorted(s, `q=${encodeURIComponent(t.kayak!.phone)}`)).toEqual(ids("kayak"));
    expect(await sorted(s, "q=kayak")).toEqual(ids("kayak"));
    expect(await sorted(s, "q=paddle%20broken")).toEqual(ids("kayak"));
    expect(await sorted(s, "q=refund")).toEqual(ids("closed"));
    expect(await sorted(s, "q=refund&status=open")).toEqual([]);
    expect(await sorted(s, "q=zeppelin")).toEqual([]);
    expect(await sorted(s, `q=${encodeURIComponent('"OR" * ( NEAR')}`)).toEqual([]);
  });

  it("finds a phone number typed as people type it, read in the workspace's country (US)", async () => {
    const s = ws.support.token;
    const national = t.kayak!.phone.slice(2); // +1 202 555 xxxx → 202555xxxx
    const typed = [
      national,
      `(${national.slice(0, 3)}) ${national.slice(3, 6)}-${national.slice(6)}`,
      `${national.slice(3, 6)}-${national.slice(6)}`,
      `1 ${national}`,
    ];
    for (const q of typed) expect(await sorted(s, `q=${encodeURIComponent(q)}`), q).toEqual(ids("kayak"));
    expect(await sorted(s, `q=${encodeURIComponent("(303) 555-0000")}`)).toEqual([]);
  });

  it("finds description #hashtags, with or without the #, by prefix", async () => {
    const s = ws.support.token;
    await patchTicket(s, t.kayak!.id, { description: "Customer sent photos #Damaged #return-label" });
    expect(await sorted(s, "q=%23damaged")).toEqual(ids("kayak"));
    expect(await sorted(s, "q=damag")).toEqual(ids("kayak"));
    expect(await sorted(s, "q=%23return-label")).toEqual(ids("kayak"));
    await patchTicket(s, t.kayak!.id, { description: "Resolved by phone" });
    expect(await sorted(s, "q=%23damaged")).toEqual([]);
  });
});

describe("pagination", () => {
  it("follows nextCursor page by page: newest activity first, no duplicates, no gaps", async () => {
    const s = ws.support.token;
    const full = (await getTicketPage(s, "view=all&limit=100")).body;
    expect(full.nextCursor).toBeNull();
    const ats = full.tickets.map((x) => Date.parse(x.lastMessage!.at));
    expect(ats).toEqual([...ats].sort((a: number, b: number) => b - a));
    const pages: string[][] = [];
    let cursor: string | null = null;
    do {
      const res = await getTicketPage(s, `view=all&limit=2${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ""}`);
      expect(res.status).toBe(200);
      pages.push(res.body.tickets.map((x) => x.id));
      cursor = res.body.nextCursor;
    } while (cursor && pages.length < 10);
    expect(pages.map((p) => p.length)).toEqual([2, 2, 2]);
    expect(pages.flat()).toEqual(full.tickets.map((x) => x.id));
  });

  it("refuses a bad cursor and a limit over 100", async () => {
    for (const q of ["cursor=garbage!!", `cursor=${btoa("nope")}`, `cursor=${btoa("12:")}`, "limit=101", "limit=0", "limit=abc"]) {
      const res = await getTicketPage(ws.support.token, `view=all&${q}`);
      expect(res.status, q).toBe(400);
    }
    expect((await getTicketPage(ws.support.token, "limit=100")).status).toBe(200);
  });
});
