// @vitest-environment node
// The start-up helpers npm start and the seed rely on: waiting until the worker really answers, and retrying what a
// busy machine drops, against a real local HTTP server that misbehaves on purpose.
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { afterEach, describe, expect, it } from "vitest";
// @ts-expect-error plain JS helpers shared with npm start
import { fetchRetrying, waitForHealth } from "../../scripts/lib/dev.mjs";

let server: Server | undefined;
afterEach(() => new Promise<void>((done) => (server ? server.close(() => done()) : done())));

async function serve(handle: (path: string, n: number) => number | "drop"): Promise<string> {
  let n = 0;
  server = createServer((req, res) => {
    const answer = handle(req.url ?? "/", ++n);
    if (answer === "drop") return req.socket.destroy();
    res.writeHead(answer).end(answer === 200 ? "ok" : "");
  });
  await new Promise<void>((r) => server!.listen(0, "127.0.0.1", () => r()));
  return `http://127.0.0.1:${(server!.address() as AddressInfo).port}`;
}

describe("fetchRetrying", () => {
  it("retries dropped connections and 503s until the worker answers", async () => {
    const base = await serve((_, n) => (n <= 2 ? "drop" : n === 3 ? 503 : 200));
    const res = await fetchRetrying(`${base}/api/tickets`, {}, { attempts: 6 });
    expect(res.status).toBe(200);
  });

  it("says which request failed, and why, once the attempts are spent", async () => {
    const base = await serve(() => "drop");
    await expect(fetchRetrying(`${base}/api/setup`, { method: "POST" }, { attempts: 2 })).rejects.toThrow(
      /POST http:\/\/127\.0\.0\.1:\d+\/api\/setup failed after 2 attempt\(s\)/,
    );
  });

  it("does not retry an answer the worker meant (4xx)", async () => {
    let calls = 0;
    const base = await serve(() => {
      calls += 1;
      return 400;
    });
    expect((await fetchRetrying(`${base}/x`)).status).toBe(400);
    expect(calls).toBe(1);
  });
});

describe("waitForHealth", () => {
  it("waits past a healthy /healthz until an authenticated route (D1) answers", async () => {
    let apiCalls = 0;
    const base = await serve((path) => (path === "/healthz" ? 200 : ++apiCalls < 3 ? 500 : 401));
    await waitForHealth(base, { timeoutMs: 10_000 });
    expect(apiCalls).toBe(3);
  });

  it("names what it was still waiting for when time runs out", async () => {
    const base = await serve((path) => (path === "/healthz" ? 200 : 500));
    await expect(waitForHealth(base, { timeoutMs: 1500 })).rejects.toThrow(/did not answer GET \/api\/me \(D1\) within 1.5s/);
  });
});
