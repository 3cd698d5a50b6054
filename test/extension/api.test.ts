// The API client: URL normalisation, typed parsing, and errors an agent can act on.
import { describe, expect, it } from "vitest";
import { Api, ApiError, normalizeBaseUrl, toQuery } from "../../extension/lib/api";

const json = (status: number, body: unknown) => new Response(JSON.stringify(body), { status, headers: { "content-type": "application/json" } });
const me = {
  agent: { id: "ag_1", workspaceId: "ws_1", name: "Nadia", email: "n@x.test", role: "owner", operator: false, createdAt: "2026-01-01T00:00:00.000Z" },
  workspace: { id: "ws_1", name: "Northwind", timezone: "UTC", createdAt: "2026-01-01T00:00:00.000Z" },
};

function apiWith(respond: (url: string, init?: RequestInit) => Response | Promise<Response>) {
  const calls: { url: string; init?: RequestInit }[] = [];
  const api = new Api("https://desk.example", "sdk_tok", async (url, init) => {
    calls.push({ url, init });
    return respond(url, init);
  });
  return { api, calls };
}

describe("normalizeBaseUrl", () => {
  it.each([
    ["desk.example.workers.dev/", "https://desk.example.workers.dev"],
    ["  https://desk.example.com//  ", "https://desk.example.com"],
    ["127.0.0.1:8787", "http://127.0.0.1:8787"],
    ["localhost:8787", "http://localhost:8787"],
    ["http://10.0.0.2:8787/", "http://10.0.0.2:8787"],
  ])("%s → %s", (input, want) => expect(normalizeBaseUrl(input)).toBe(want));

  it("rejects what is not an address", () => {
    expect(() => normalizeBaseUrl("")).toThrow(/Enter the worker/);
    expect(() => normalizeBaseUrl("http://exa mple")).toThrow(/not a web address/);
  });
});

describe("Api", () => {
  it("sends the bearer token and parses the response", async () => {
    const { api, calls } = apiWith(() => json(200, me));
    const r = await api.me();
    expect(r.agent.name).toBe("Nadia");
    expect(calls[0]!.url).toBe("https://desk.example/api/me");
    expect(new Headers(calls[0]!.init!.headers).get("authorization")).toBe("Bearer sdk_tok");
  });

  it("posts JSON bodies", async () => {
    const { api, calls } = apiWith(() => json(200, { ok: true }));
    await api.markRead("t 1", false);
    expect(calls[0]!.url).toBe("https://desk.example/api/tickets/t%201/unread");
    expect(calls[0]!.init!.method).toBe("POST");
  });

  it("turns a refused token into an unauthorized error with the worker's sentence", async () => {
    const { api } = apiWith(() => json(401, { error: { code: "unauthorized", message: "That token is not valid." } }));
    const err = await api.me().catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect(err).toMatchObject({ kind: "unauthorized", status: 401, code: "unauthorized", message: "That token is not valid." });
    expect((err as ApiError).retryable).toBe(false);
  });

  it("says the network is down when fetch itself fails, and that it is worth retrying", async () => {
    const { api } = apiWith(() => {
      throw new TypeError("Failed to fetch");
    });
    const err = (await api.counts().catch((e: unknown) => e)) as ApiError;
    expect(err.kind).toBe("network");
    expect(err.message).toMatch(/Can't reach https:\/\/desk\.example|offline/);
    expect(err.retryable).toBe(true);
  });

  it("recognises a server that is not a Sidedesk worker", async () => {
    const { api } = apiWith(() => new Response("<html>Not found</html>", { status: 404 }));
    const err = (await api.me().catch((e: unknown) => e)) as ApiError;
    expect(err.kind).toBe("not_found");
    expect(err.message).toMatch(/not like a Sidedesk worker/);
  });

  it("refuses a response that does not match the schema", async () => {
    const { api } = apiWith(() => json(200, { tickets: "nope" }));
    await expect(api.tickets({ view: "all" })).rejects.toMatchObject({ kind: "not_sidedesk", code: "bad_response" });
  });

  it("maps worker error statuses to kinds (5xx retryable, 409 final)", async () => {
    const e500 = (await apiWith(() => json(503, { error: { code: "unavailable", message: "Try later." } }))
      .api.counts()
      .catch((e: unknown) => e)) as ApiError;
    const e409 = (await apiWith(() => json(409, { error: { code: "consent_required", message: "No consent." } }))
      .api.counts()
      .catch((e: unknown) => e)) as ApiError;
    expect([e500.kind, e500.retryable]).toEqual(["server", true]);
    expect([e409.kind, e409.retryable, e409.code]).toEqual(["conflict", false, "consent_required"]);
  });

  it("builds the realtime URL without the token, which travels as a subprotocol", () => {
    expect(new Api("https://desk.example", "sdk_abc").realtimeUrl()).toBe("wss://desk.example/api/realtime");
    expect(new Api("http://127.0.0.1:8787", "t").realtimeUrl()).toBe("ws://127.0.0.1:8787/api/realtime");
    expect(new Api("https://desk.example", "sdk_abc").realtimeProtocols()).toEqual(["sidedesk.v1", "bearer.sdk_abc"]);
  });
});

describe("toQuery", () => {
  it("drops empty values", () => {
    expect(toQuery({ view: "mine", status: undefined, q: "", limit: 50, cursor: "abc" })).toBe("view=mine&limit=50&cursor=abc");
  });
});
