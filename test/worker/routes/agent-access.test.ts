// Removing agents and renewing tokens: the old token stops working at once, open tickets go back to Unassigned.
import { beforeAll, describe, expect, it } from "vitest";
import { AgentList, Me, NewAgentResponse, RemovedAgent } from "../../../shared/schemas";
import { api, createWorkspace, getTicket, patchTicket, type TestWorkspace } from "../helpers";
import { addAgent, listIds, openTicket } from "../inbox-helpers";

let ws: TestWorkspace;
let other: TestWorkspace;
beforeAll(async () => {
  ws = await createWorkspace();
  other = await createWorkspace();
});

describe("removing an agent", () => {
  it("revokes their token and puts their tickets back in Unassigned with an activity line", async () => {
    const leaver = await addAgent(ws.owner.token, "Lee Leaver", "support");
    const t = await openTicket(ws.id, ws.owner.token);
    await patchTicket(ws.owner.token, t.id, { assigneeId: leaver.id, followers: [leaver.id] });
    expect(await listIds(leaver.token, "view=mine")).toEqual([t.id]);

    const removed = await api(ws.admin.token, "DELETE", `/api/agents/${leaver.id}`, undefined, RemovedAgent);
    expect(removed.status).toBe(200);
    expect(removed.body).toEqual({ removed: leaver.id, unassigned: 1 });
    expect((await api(leaver.token, "GET", "/api/me")).status).toBe(401);
    expect(await listIds(ws.owner.token, "view=unassigned")).toContain(t.id);
    const detail = await getTicket(ws.owner.token, t.id);
    expect(detail.body.ticket.assigneeId).toBeNull();
    expect(detail.body.ticket.followers).not.toContain(leaver.id);
    expect(detail.body.messages.at(-1)?.text).toBe("Unassigned by Ada Admin");
    expect((await api(ws.owner.token, "GET", "/api/agents", undefined, AgentList)).body.agents.map((a) => a.id)).not.toContain(leaver.id);
  });

  it("owners remove anyone but themselves; admins cannot remove owners, admins or themselves; support cannot remove anyone", async () => {
    const admin2 = await addAgent(ws.owner.token, "Second Admin", "admin");
    const support = await addAgent(ws.owner.token, "Temp Support", "support");
    expect((await api(ws.admin.token, "DELETE", `/api/agents/${ws.owner.id}`)).status).toBe(403);
    expect((await api(ws.admin.token, "DELETE", `/api/agents/${admin2.id}`)).status).toBe(403);
    expect((await api(ws.admin.token, "DELETE", `/api/agents/${ws.admin.id}`)).status).toBe(403);
    expect((await api(ws.owner.token, "DELETE", `/api/agents/${ws.owner.id}`)).status).toBe(403);
    expect((await api(ws.support.token, "DELETE", `/api/agents/${support.id}`)).status).toBe(403);
    expect((await api(support.token, "GET", "/api/me")).status).toBe(200);
    expect((await api(ws.owner.token, "DELETE", `/api/agents/${admin2.id}`)).status).toBe(200);
    expect((await api(admin2.token, "GET", "/api/me")).status).toBe(401);
  });

  it("never reaches another workspace's agents", async () => {
    expect((await api(other.owner.token, "DELETE", `/api/agents/${ws.support2.id}`)).status).toBe(404);
    expect((await api(other.owner.token, "POST", `/api/agents/${ws.support2.id}/token`)).status).toBe(404);
    expect((await api(ws.support2.token, "GET", "/api/me")).status).toBe(200);
  });
});

describe("renewing a token", () => {
  it("gives a new token once; the old one stops working", async () => {
    const agent = await addAgent(ws.owner.token, "Rota Tion", "support");
    const renewed = await api(ws.owner.token, "POST", `/api/agents/${agent.id}/token`, undefined, NewAgentResponse);
    expect(renewed.status).toBe(200);
    expect(renewed.body.token).toMatch(/^sdk_/);
    expect(renewed.body.token).not.toBe(agent.token);
    expect((await api(agent.token, "GET", "/api/me")).status).toBe(401);
    expect((await api(renewed.body.token, "GET", "/api/me", undefined, Me)).body.agent.id).toBe(agent.id);
  });

  it("any agent may renew their own token, but not someone else's", async () => {
    const mine = await api(ws.support2.token, "POST", `/api/agents/${ws.support2.id}/token`, undefined, NewAgentResponse);
    expect(mine.status).toBe(200);
    ws.support2.token = mine.body.token;
    expect((await api(ws.support2.token, "POST", `/api/agents/${ws.support.id}/token`)).status).toBe(403);
    expect((await api(ws.support.token, "GET", "/api/me")).status).toBe(200);
  });
});

describe("what authentication remembers", () => {
  it("shows a change on the very next request: operator mode, the workspace's time zone", async () => {
    const fresh = await createWorkspace({ timezone: "America/New_York" });
    const me = async () => (await api(fresh.support.token, "GET", "/api/me", undefined, Me)).body;
    expect((await me()).agent.operator).toBe(false); // remembered from here on
    expect((await api(fresh.support.token, "PATCH", "/api/me", { operator: true }, Me)).status).toBe(200);
    expect((await me()).agent.operator).toBe(true);
    expect((await api(fresh.owner.token, "PUT", "/api/settings", { timezone: "Asia/Tokyo" })).status).toBe(200);
    expect((await me()).workspace.timezone).toBe("Asia/Tokyo");
  });

  it("keeps each agent's panel language (null follows the browser), refusing languages the panel does not speak", async () => {
    const fresh = await createWorkspace();
    const me = async (token: string) => (await api(token, "GET", "/api/me", undefined, Me)).body.agent;
    expect((await me(fresh.support.token)).language).toBeNull();
    expect((await api(fresh.support.token, "PATCH", "/api/me", { language: "ko" }, Me)).body.agent.language).toBe("ko");
    expect((await me(fresh.support.token)).language).toBe("ko");
    expect((await me(fresh.owner.token)).language).toBeNull(); // per agent
    for (const bad of [{ language: "fr" }, {}, { language: "ko", extra: 1 }])
      expect((await api(fresh.support.token, "PATCH", "/api/me", bad)).status).toBe(400);
    expect((await api(fresh.support.token, "PATCH", "/api/me", { language: null }, Me)).body.agent).toMatchObject({ language: null, operator: false });
  });
});
