// Tokens and roles: who may reach the inbox, settings, agents and permanent delete; tokens are stored only hashed.
import { SELF, env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { Me, NewAgentResponse } from "../../../shared/schemas";
import { SettingsView } from "../../../shared/schemas/settings-view";
import { api, BASE, createWorkspace, getTicket, postMessage, type TestWorkspace } from "../helpers";
import { addAgent, openTicket } from "../inbox-helpers";

let ws: TestWorkspace;
let ticketId: string;
let analyst: { id: string; token: string };
let manager: { id: string; token: string };

beforeAll(async () => {
  ws = await createWorkspace();
  analyst = await addAgent(ws.owner.token, "Ana Analyst", "analyst");
  manager = await addAgent(ws.owner.token, "Max Manager", "manager");
  ticketId = (await openTicket(ws.id, ws.support.token)).id;
});

describe("authentication", () => {
  it("refuses a missing or unknown token with 401 and the error shape", async () => {
    for (const token of [null, "sdk_not-a-real-token", ""]) {
      const res = await api(token, "GET", "/api/tickets");
      expect(res.status).toBe(401);
      expect(res.error.code).toBe("unauthorized");
      expect(typeof res.error.message).toBe("string");
    }
    expect((await api(null, "GET", "/api/me")).status).toBe(401);
  });

  it("stores tokens only as hashes", async () => {
    const { results } = await env.DB.prepare("SELECT * FROM agents WHERE workspace_id = ?1").bind(ws.id).all<Record<string, unknown>>();
    expect(results.length).toBe(6);
    const dump = JSON.stringify(results);
    for (const token of [ws.owner.token, ws.admin.token, ws.support.token, analyst.token, manager.token]) {
      expect(dump).not.toContain(token);
      expect(dump).not.toContain(token.slice(4)); // nor the random part alone
    }
    for (const row of results) expect(String(row.token_hash)).toMatch(/^[0-9a-f]{64}$/);
  });
});

describe("roles", () => {
  it("an analyst may ask who it is but is refused by every inbox route", async () => {
    const me = await api(analyst.token, "GET", "/api/me", undefined, Me);
    expect(me.status).toBe(200);
    expect(me.body.agent.role).toBe("analyst");
    for (const [method, path] of [
      ["GET", "/api/tickets"],
      ["GET", "/api/tickets/counts"],
      ["GET", `/api/tickets/${ticketId}`],
      ["GET", `/api/tickets/${ticketId}/messages?before=10`],
      ["POST", `/api/tickets/${ticketId}/read`],
    ] as const) {
      const res = await api(analyst.token, method, path);
      expect(res.status, `${method} ${path}`).toBe(403);
      expect(res.error.code).toBe("forbidden");
    }
    const note = await postMessage(analyst.token, ticketId, { kind: "note", text: "hi" });
    expect(note.status).toBe(403);
    const rt = await api(null, "GET", `/api/realtime?token=${analyst.token}`, undefined);
    expect(rt.status).toBe(426); // no upgrade header: refused before auth
  });

  it("an analyst's WebSocket upgrade is refused with 403", async () => {
    const res = await SELF.fetch(`${BASE}/api/realtime?token=${analyst.token}`, { headers: { upgrade: "websocket" } });
    expect(res.status).toBe(403);
    expect(res.webSocket).toBeNull();
  });

  it("support and manager cannot read or change settings, nor add agents", async () => {
    for (const who of [ws.support, manager]) {
      expect((await api(who.token, "GET", "/api/settings")).status).toBe(403);
      expect((await api(who.token, "PUT", "/api/settings", { unreadBadge: false })).status).toBe(403);
      expect((await api(who.token, "POST", "/api/agents", { name: "X", email: `x${who.id}@shop.test`, role: "support" })).status).toBe(403);
    }
    expect((await api(analyst.token, "POST", "/api/agents", { name: "Y", email: "y@shop.test", role: "admin" })).status).toBe(403);
    const settings = await api(ws.owner.token, "GET", "/api/settings", undefined, SettingsView);
    expect(settings.body.unreadBadge).toBe(true);
    const { results } = await env.DB.prepare("SELECT email FROM agents WHERE workspace_id = ?1 AND name IN ('X', 'Y')").bind(ws.id).all();
    expect(results).toEqual([]);
  });

  it("admin may manage agents and settings", async () => {
    expect((await api(ws.admin.token, "GET", "/api/settings")).status).toBe(200);
    const added = await api(ws.admin.token, "POST", "/api/agents", { name: "Nia New", email: "nia@shop.test", role: "support" }, NewAgentResponse);
    expect(added.status).toBe(201);
    expect((await api(added.body.token, "GET", "/api/tickets")).status).toBe(200);
  });

  it("a duplicate agent email in the workspace is a 409, whatever its case", async () => {
    const first = await api(ws.owner.token, "POST", "/api/agents", { name: "Dup", email: "dup@shop.test", role: "support" });
    expect(first.status).toBe(201);
    const again = await api(ws.owner.token, "POST", "/api/agents", { name: "Dup 2", email: "DUP@shop.test", role: "manager" });
    expect(again.status).toBe(409);
    expect(again.error.code).toBe("agent_exists");
  });

  it("only the owner may permanently delete a ticket", async () => {
    for (const who of [ws.admin, manager, ws.support]) {
      const res = await api(who.token, "DELETE", `/api/tickets/${ticketId}`);
      expect(res.status).toBe(403);
    }
    expect((await getTicket(ws.support.token, ticketId)).status).toBe(200);
    expect((await api(ws.owner.token, "DELETE", `/api/tickets/${ticketId}`)).status).toBe(204);
    expect((await getTicket(ws.support.token, ticketId)).status).toBe(404);
  });
});
