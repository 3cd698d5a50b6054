// Installs the fake Shopify Admin GraphQL API over fetch for one shop: requests to https://<shop>/admin/api/<v>/graphql.json
// are answered by the worker's own fake (the one local dev serves from D1), here over an in-memory order store.
// The worker runs in the test's isolate, so spying on globalThis.fetch replaces Shopify and nothing else.
import { vi } from "vitest";
import type { StoreOrder } from "../../../shared/schemas";
import { handleFakeAdmin, type FakeCall } from "../../../worker/src/integrations/shopify-fake";
import { memoryRecords } from "../../../worker/src/integrations/shopify-fake-ops";

export type Mode = "up" | "slow" | "down" | "error";

export function installFakeShopify(shopDomain: string, accessToken: string) {
  const orders = new Map<string, StoreOrder>();
  const calls: FakeCall[] = [];
  const records = memoryRecords();
  const urls: string[] = [];
  let mode: Mode = "up";
  /** Root fields whose next answer is lost after the store acted (the connection drops on the way back). */
  const losing = new Set<string>();
  const realFetch = globalThis.fetch;
  const spy = vi.spyOn(globalThis, "fetch").mockImplementation(async (input, init) => {
    const request = new Request(input as RequestInfo, init);
    if (new URL(request.url).hostname !== shopDomain) return realFetch(input as RequestInfo, init);
    urls.push(request.url);
    if (mode === "down") throw new TypeError("fetch failed: connection refused");
    if (mode === "error") return new Response("<html>502 Bad Gateway</html>", { status: 502, headers: { "content-type": "text/html" } });
    if (mode === "slow") await untilAborted(init?.signal ?? request.signal, 10_000);
    const query = String(((await request.clone().json()) as { query?: unknown }).query ?? "");
    const lost = [...losing].find((field) => new RegExp(`\\b${field}\\s*\\(`).test(query));
    const answer = await handleFakeAdmin(request, {
      accessToken,
      calls,
      data: {
        all: async () => [...orders.values()],
        get: async (id) => orders.get(id) ?? null,
        save: async (o) => {
          orders.set(o.id, o);
        },
        records,
      },
    });
    if (lost) {
      losing.delete(lost);
      throw new TypeError("fetch failed: the connection was reset");
    }
    return answer;
  });
  return {
    orders,
    records,
    calls,
    urls,
    setMode: (m: Mode) => {
      mode = m;
    },
    put: (o: StoreOrder) => orders.set(o.id, structuredClone(o)),
    /** The store acts on the next `rootField` mutation, but its answer never arrives. */
    loseAnswerTo: (rootField: string) => losing.add(rootField),
    restore: () => spy.mockRestore(),
  };
}
export type FakeShopify = ReturnType<typeof installFakeShopify>;

/** A slow store: answers after `ms`, unless the caller gives up first (then the fetch rejects like a real abort). */
function untilAborted(signal: AbortSignal | null | undefined, ms: number): Promise<void> {
  return new Promise((resolve, reject) => {
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener("abort", () => {
      clearTimeout(timer);
      reject(signal.reason ?? new DOMException("aborted", "AbortError"));
    });
  });
}
