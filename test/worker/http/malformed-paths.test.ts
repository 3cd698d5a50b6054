// A malformed percent-encoding in the URL is the caller's mistake: 400 with the usual error body, on every route.
import { SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { BASE, createWorkspace, type TestWorkspace } from "../helpers";

let ws: TestWorkspace;
beforeAll(async () => {
  ws = await createWorkspace();
});

describe("malformed percent-encoding", () => {
  it.each([
    ["GET", "/api/orders/%zz"],
    ["GET", "/api/tickets/%E0%A4%A"],
    ["GET", "/api/tickets/100%"],
    ["POST", "/api/tickets/%zz/messages"],
    ["GET", "/api/profiles/%"],
    ["GET", "/s/%E0%A4%A"],
    ["POST", "/webhooks/%zz/events"],
    ["POST", "/chat/%E0%A4%A/sessions"],
    ["GET", "/api/tickets?q=%zz"],
  ])("%s %s answers 400 invalid_path", async (method, path) => {
    const res = await SELF.fetch(`${BASE}${path}`, {
      method,
      headers: { authorization: `Bearer ${ws.owner.token}`, "content-type": "application/json" },
      body: method === "GET" ? undefined : "{}",
    });
    expect(res.status).toBe(400);
    expect(await res.json()).toEqual({ error: { code: "invalid_path", message: "The URL has a malformed percent-encoding." } });
  });

  it("still decodes a well-formed encoding", async () => {
    const res = await SELF.fetch(`${BASE}/api/tickets/${encodeURIComponent("nope é")}`, { headers: { authorization: `Bearer ${ws.owner.token}` } });
    expect(res.status).toBe(404);
  });
});
