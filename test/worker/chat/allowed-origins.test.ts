// webchat.allowedOrigins: only the merchant's storefronts may start chats, and only their pages become follow-up links.
import { beforeAll, describe, expect, it } from "vitest";
import { SettingsView } from "../../../shared/schemas/settings-view";
import { api, createWorkspace, getProfile, getTicketPage, type TestWorkspace } from "../helpers";
import { chat, newClientId, say, startChat } from "./chat-helpers";

let ws: TestWorkspace;
beforeAll(async () => {
  ws = await createWorkspace();
});

describe("allowed storefront origins", () => {
  it("any origin may chat while the list is empty", async () => {
    const r = await chat("POST", `/${ws.id}/sessions`, { origin: "https://anywhere.example", body: {} });
    expect(r.status).toBe(201);
  });

  it("refuses other origins once set, and drops page URLs from elsewhere", async () => {
    const put = await api(ws.owner.token, "PUT", "/api/settings", { webchat: { allowedOrigins: ["https://shop.example/"] } }, SettingsView);
    expect(put.status).toBe(200);
    expect(put.body.webchat.allowedOrigins).toEqual(["https://shop.example"]);

    const foreign = await chat("POST", `/${ws.id}/sessions`, { origin: "https://evil.example", body: {} });
    expect(foreign.status, JSON.stringify(foreign.json)).toBe(403);
    expect(foreign.error.code).toBe("origin_not_allowed");
    const none = await chat("POST", `/${ws.id}/sessions`, { origin: "", body: {} });
    expect(none.status).toBe(403);

    const session = await startChat(ws.id, { pageUrl: "https://evil.example/phish" });
    expect((await say(session, "hello")).status).toBe(201);
    const listed = await getTicketPage(ws.owner.token, "view=all&channel=webchat");
    const profile = await getProfile(ws.owner.token, listed.body.tickets[0]!.profile.id, "?metric=Started%20Chat");
    expect(profile.body.activity[0]!.properties.url).toBeNull(); // the foreign page is never kept, so never linked
    const refused = await chat("POST", `/${ws.id}/sessions/${session.sessionId}/messages`, {
      origin: "https://evil.example",
      token: session.token,
      body: { clientId: newClientId(), text: "from elsewhere" },
    });
    expect(refused.status).toBe(403);
  });

  it("rejects values that are not plain origins", async () => {
    for (const bad of ["shop.example", "https://shop.example/path", "ftp://shop.example"]) {
      const r = await api(ws.owner.token, "PUT", "/api/settings", { webchat: { allowedOrigins: [bad] } });
      expect(r.status, bad).toBe(400);
    }
  });
});
