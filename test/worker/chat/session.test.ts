// Widget API: config, starting a session (welcome, profile by email), CORS, tokens, malformed bodies, workspace isolation.
import { env } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { ChatConfig, type ChatMessage, ChatProfileResponse, ChatThread } from "../../../shared/schemas/chat";
import { createWorkspace, getProfile, getTicket, type TestWorkspace } from "../helpers";
import { listIds } from "../inbox-helpers";
import { chat, say, startChat, thread, ticketIdOf } from "./chat-helpers";

let ws: TestWorkspace;
let other: TestWorkspace;
beforeAll(async () => {
  ws = await createWorkspace({ settings: { webchat: { welcomeMessage: "Hi from the shop! Ask us anything." } } });
  other = await createWorkspace();
});

describe("widget config", () => {
  it("gives the welcome message, the shop name and whether it is inside business hours, with CORS", async () => {
    const r = await chat("GET", `/${ws.id}/config`, { schema: ChatConfig });
    expect(r.status).toBe(200);
    expect(r.body).toMatchObject({ workspace: { id: ws.id }, welcomeMessage: "Hi from the shop! Ask us anything.", inBusinessHours: true });
    expect(r.headers.get("access-control-allow-origin")).toBe("*");
    expect(r.headers.get("cache-control")).toContain("max-age");
  });

  it("speaks the visitor's language: data-lang, then the browser's languages, then the storefront's; English otherwise", async () => {
    const config = async (lang: string) => (await chat("GET", `/${ws.id}/config?lang=${encodeURIComponent(lang)}`, { schema: ChatConfig })).body;
    const ko = await config("ko-KR,en-US");
    expect(ko.language).toBe("ko");
    expect(ko.texts.placeholder).toBe("메시지를 입력하세요…");
    expect((await config("fr-FR,pt-PT,it")).language).toBe("pt-BR");
    expect((await config("de-DE,fr")).language).toBe("en");
    const plain = (await chat("GET", `/${ws.id}/config`, { schema: ChatConfig })).body;
    expect(plain).toMatchObject({ language: "en", texts: { title: "Chat with us" } });
    expect(plain.welcomeMessage).toBe("Hi from the shop! Ask us anything."); // the merchant's own words, in any language
  });

  it("answers CORS preflights for the storefront", async () => {
    const r = await chat("OPTIONS", `/${ws.id}/sessions`);
    expect(r.status).toBe(204);
    expect(r.headers.get("access-control-allow-headers")).toContain("authorization");
    expect(r.headers.get("access-control-allow-methods")).toContain("POST");
  });

  it("404s an unknown workspace, with CORS so the widget can read why", async () => {
    const r = await chat("GET", "/ws_doesnotexist0000/config");
    expect(r.status).toBe(404);
    expect(r.error.code).toBe("workspace_not_found");
    expect(r.headers.get("access-control-allow-origin")).toBe("*");
  });
});

describe("starting a session", () => {
  it("returns an id and a secret token, stores only the token's hash, and posts the welcome message", async () => {
    const s = await startChat(ws.id);
    expect(s.sessionId).toMatch(/^cs_/);
    expect(s.token.length).toBeGreaterThan(40);
    expect(ChatThread.safeParse({ status: s.body.status, messages: s.body.messages }).success).toBe(true);
    expect(s.body.messages).toEqual([expect.objectContaining({ from: "bot", text: "Hi from the shop! Ask us anything." })]);
    const stored = await env.TICKETS.get(env.TICKETS.idFromName(`chat:${ws.id}:${s.sessionId}`)).chatVerify({
      workspaceId: ws.id,
      sessionId: s.sessionId,
      token: s.token,
    });
    expect(stored.ok).toBe(true);
    // No listed ticket yet: the customer writes first.
    expect(await listIds(ws.owner.token, "view=all&channel=webchat")).not.toContain(ticketIdOf(s));
  });

  it("links the chat to the profile with that email, and records 'Started Chat' activity", async () => {
    const s = await startChat(ws.id, { name: "Maya Chen", email: "Maya.Chen@example.com" });
    expect(s.body.profile).toEqual({ name: "Maya Chen", email: "maya.chen@example.com" });
    await say(s, "Do you ship to Canada?");
    const detail = await getTicket(ws.owner.token, ticketIdOf(s));
    expect(detail.body.ticket).toMatchObject({ channel: "webchat", profile: { name: "Maya Chen", email: "maya.chen@example.com" } });
    const again = await startChat(ws.id, { email: "maya.chen@example.com" });
    await say(again, "Me again");
    const second = await getTicket(ws.owner.token, ticketIdOf(again));
    expect(second.body.ticket.profile.id).toBe(detail.body.ticket.profile.id);
    const profile = await getProfile(ws.owner.token, detail.body.ticket.profile.id);
    expect(JSON.stringify(profile.json)).toContain("Started Chat");
  });

  it("lets the customer give a name and email later; an email already known links to that customer", async () => {
    const known = await startChat(ws.id, { email: "known@example.com", name: "Known Customer" });
    await say(known, "first");
    const knownProfile = (await getTicket(ws.owner.token, ticketIdOf(known))).body.ticket.profile;

    const s = await startChat(ws.id);
    await say(s, "Hello?");
    const named = await chat("PATCH", `/${ws.id}/sessions/${s.sessionId}`, { token: s.token, body: { name: "Ravi" }, schema: ChatProfileResponse });
    expect(named.status).toBe(200);
    expect(named.body.profile).toEqual({ name: "Ravi", email: null });
    const linked = await chat("PATCH", `/${ws.id}/sessions/${s.sessionId}`, {
      token: s.token,
      body: { email: "known@example.com" },
      schema: ChatProfileResponse,
    });
    expect(linked.body.profile.email).toBe("known@example.com");
    const detail = await getTicket(ws.owner.token, ticketIdOf(s));
    expect(detail.body.ticket.profile.id).toBe(knownProfile.id);
  });

  it("records page views reported by the widget as profile activity, once per event id", async () => {
    const s = await startChat(ws.id, { email: "pages@example.com" });
    await say(s, "hi");
    const view = { id: "pv-0001-abcdef", type: "page_view", url: "https://shop.example/products/tent", title: "Basecamp Tent" };
    expect((await chat("POST", `/${ws.id}/sessions/${s.sessionId}/events`, { token: s.token, body: view })).status).toBe(204);
    expect((await chat("POST", `/${ws.id}/sessions/${s.sessionId}/events`, { token: s.token, body: view })).status).toBe(204);
    const profileId = (await getTicket(ws.owner.token, ticketIdOf(s))).body.ticket.profile.id;
    const views = await env.DB.prepare("SELECT properties_json FROM profile_events WHERE profile_id = ?1 AND metric = 'Viewed Page'").bind(profileId).all();
    expect(views.results).toHaveLength(1);
    expect(String(views.results[0]!.properties_json)).toContain("Basecamp Tent");
  });
});

describe("refusals change nothing", () => {
  it("401s a wrong or missing token and 404s an unknown session", async () => {
    const s = await startChat(ws.id);
    const wrong = await chat("POST", `/${ws.id}/sessions/${s.sessionId}/messages`, {
      token: `${s.token.slice(0, -1)}${s.token.endsWith("x") ? "y" : "x"}`, // always a different token
      body: { clientId: "clientid-1", text: "hack" },
    });
    expect(wrong.status).toBe(401);
    expect(wrong.error.code).toBe("invalid_session_token");
    const missing = await chat("GET", `/${ws.id}/sessions/${s.sessionId}/messages`);
    expect(missing.status).toBe(401);
    const unknown = await chat("GET", `/${ws.id}/sessions/cs_AAAAAAAAAAAAAAAA/messages`, { token: s.token });
    expect(unknown.status).toBe(404);
    expect(unknown.error.code).toBe("session_not_found");
    expect((await chat("PATCH", `/${ws.id}/sessions/${s.sessionId}`, { token: "cst_nope", body: { name: "x" } })).status).toBe(401);
    const t = await thread(s);
    expect(t.body.messages.map((m: ChatMessage) => m.text)).toEqual(["Hi from the shop! Ask us anything."]);
    expect(await listIds(ws.owner.token, "view=all&channel=webchat")).not.toContain(ticketIdOf(s));
  });

  it("400s malformed bodies with the reasons", async () => {
    const s = await startChat(ws.id);
    const cases: [string, string, unknown][] = [
      ["POST", `/${ws.id}/sessions`, { email: "not-an-email" }],
      ["POST", `/${ws.id}/sessions`, { pageUrl: "javascript:alert(1)" }],
      ["POST", `/${ws.id}/sessions`, "{not json"],
      ["POST", `/${ws.id}/sessions/${s.sessionId}/messages`, { clientId: "short", text: "hi" }],
      ["POST", `/${ws.id}/sessions/${s.sessionId}/messages`, { clientId: "clientid-ok", text: "   " }],
      ["POST", `/${ws.id}/sessions/${s.sessionId}/messages`, { clientId: "clientid-ok", text: "x".repeat(5001) }],
      ["PATCH", `/${ws.id}/sessions/${s.sessionId}`, {}],
      ["POST", `/${ws.id}/sessions/${s.sessionId}/events`, { id: "pv-00000001", type: "page_view", url: "ftp://x" }],
    ];
    for (const [method, path, body] of cases) {
      const r = await chat(method, path, { token: s.token, body });
      expect(r.status, `${method} ${path} ${JSON.stringify(body)}`).toBe(400);
      expect(r.error.code).toMatch(/invalid_request|invalid_json/);
    }
    expect((await chat("GET", `/${ws.id}/sessions/not-a-session/messages`, { token: s.token })).status).toBe(400);
    expect((await thread(s)).body.messages).toHaveLength(1);
  });

  it("keeps workspaces apart: another workspace's path never reaches the session", async () => {
    const s = await startChat(ws.id);
    await say(s, "private question");
    const cross = await chat("GET", `/${other.id}/sessions/${s.sessionId}/messages`, { token: s.token });
    expect(cross.status).toBe(404);
    const post = await chat("POST", `/${other.id}/sessions/${s.sessionId}/messages`, { token: s.token, body: { clientId: "cross-0001", text: "x" } });
    expect(post.status).toBe(404);
    expect(await listIds(other.owner.token, "view=all")).toEqual([]);
    expect((await getTicket(other.owner.token, ticketIdOf(s))).status).toBe(404);
  });
});
