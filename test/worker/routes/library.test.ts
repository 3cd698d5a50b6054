// Quick replies and saved views: who may read and manage them, search, validation, and workspace isolation.
import { beforeAll, describe, expect, it } from "vitest";
import { QuickReplyList, QuickReplyResponse, SavedViewList, SavedViewResponse } from "../../../shared/schemas";
import { api, createWorkspace, patchTicket, type TestWorkspace } from "../helpers";
import { addAgent, listIds, openTicket } from "../inbox-helpers";

let ws: TestWorkspace;
let other: TestWorkspace;
beforeAll(async () => {
  ws = await createWorkspace();
  other = await createWorkspace();
});

describe("quick replies", () => {
  it("admins create, edit and delete; every inbox agent reads and searches", async () => {
    const made = await api(
      ws.admin.token,
      "POST",
      "/api/quick-replies",
      { title: "Shipping times", text: "We ship within 2 business days." },
      QuickReplyResponse,
    );
    expect(made.status).toBe(201);
    await api(ws.owner.token, "POST", "/api/quick-replies", { title: "Returns", text: "Returns are free for 30 days." });
    const all = await api(ws.support.token, "GET", "/api/quick-replies", undefined, QuickReplyList);
    expect(all.body.quickReplies.map((r) => r.title)).toEqual(["Returns", "Shipping times"]);
    const found = await api(ws.support.token, "GET", "/api/quick-replies?q=30%20days", undefined, QuickReplyList);
    expect(found.body.quickReplies.map((r) => r.title)).toEqual(["Returns"]);
    const edited = await api(
      ws.admin.token,
      "PUT",
      `/api/quick-replies/${made.body.quickReply.id}`,
      { title: "Shipping", text: "We ship within 1 business day." },
      QuickReplyResponse,
    );
    expect(edited.body.quickReply).toMatchObject({ title: "Shipping", text: "We ship within 1 business day." });
    expect((await api(ws.admin.token, "DELETE", `/api/quick-replies/${made.body.quickReply.id}`)).status).toBe(204);
    expect((await api(ws.support.token, "GET", "/api/quick-replies", undefined, QuickReplyList)).body.quickReplies.map((r) => r.title)).toEqual(["Returns"]);
  });

  it("support cannot manage them, bad bodies change nothing, and other workspaces never see them", async () => {
    const refused = await api(ws.support.token, "POST", "/api/quick-replies", { title: "Mine", text: "x" });
    expect(refused.status).toBe(403);
    const bad = await api(ws.admin.token, "POST", "/api/quick-replies", { title: "", text: "x", extra: true });
    expect(bad.status).toBe(400);
    const theirs = (await api(ws.support.token, "GET", "/api/quick-replies", undefined, QuickReplyList)).body.quickReplies;
    expect(theirs.some((r) => r.title === "Mine" || r.title === "")).toBe(false);
    expect((await api(other.owner.token, "GET", "/api/quick-replies", undefined, QuickReplyList)).body.quickReplies).toEqual([]);
    const id = theirs[0]!.id;
    expect((await api(other.owner.token, "PUT", `/api/quick-replies/${id}`, { title: "Hijack", text: "x" })).status).toBe(404);
    expect((await api(other.owner.token, "DELETE", `/api/quick-replies/${id}`)).status).toBe(404);
    const analyst = await addAgent(ws.owner.token, "Ana Lyst", "analyst");
    expect((await api(analyst.token, "GET", "/api/quick-replies")).status).toBe(403);
  });
});

describe("saved views", () => {
  it("an agent saves a filter, sees it listed, and its filter lists the same tickets as the query", async () => {
    const t = await openTicket(ws.id, ws.support.token);
    await patchTicket(ws.support.token, t.id, { tags: ["shipping/delayed"] });
    const made = await api(ws.support.token, "POST", "/api/views", { name: "Delayed shipping", filter: { view: "all", tag: "shipping" } }, SavedViewResponse);
    expect(made.status).toBe(201);
    expect(made.body.view).toMatchObject({ name: "Delayed shipping", shared: false, mine: true, filter: { view: "all", tag: "shipping" } });
    const views = (await api(ws.support.token, "GET", "/api/views", undefined, SavedViewList)).body.views;
    const query = new URLSearchParams(Object.entries(views[0]!.filter).flatMap(([k, v]) => (v === undefined ? [] : [[k, v]]))).toString();
    expect(await listIds(ws.support.token, query)).toEqual([t.id]);
  });

  it("private views stay private, shared ones are visible, only the author deletes", async () => {
    await api(ws.support.token, "POST", "/api/views", { name: "Private", filter: { view: "unread" } });
    const shared = await api(
      ws.support.token,
      "POST",
      "/api/views",
      { name: "Team SMS", filter: { view: "all", channel: "sms" }, shared: true },
      SavedViewResponse,
    );
    const seen = (await api(ws.support2.token, "GET", "/api/views", undefined, SavedViewList)).body.views;
    expect(seen.map((v) => v.name)).toEqual(["Team SMS"]);
    expect(seen[0]?.mine).toBe(false);
    expect((await api(ws.support2.token, "DELETE", `/api/views/${shared.body.view.id}`)).status).toBe(404);
    expect((await api(other.owner.token, "GET", "/api/views", undefined, SavedViewList)).body.views).toEqual([]);
    expect((await api(ws.support.token, "DELETE", `/api/views/${shared.body.view.id}`)).status).toBe(204);
    expect((await api(ws.support2.token, "GET", "/api/views", undefined, SavedViewList)).body.views).toEqual([]);
  });

  it("refuses a view whose filter is not a valid ticket filter", async () => {
    const bad = await api(ws.support.token, "POST", "/api/views", { name: "Broken", filter: { view: "everything" } });
    expect(bad.status).toBe(400);
    expect((await api(ws.support.token, "GET", "/api/views", undefined, SavedViewList)).body.views.some((v) => v.name === "Broken")).toBe(false);
  });
});
