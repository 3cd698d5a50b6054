// The public widget cannot be used to flood a workspace with chats: session starts are limited per visitor IP.
import { SELF } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { ErrorBody } from "../../../shared/schemas";
import { BASE, createWorkspace, type TestWorkspace } from "../helpers";

let ws: TestWorkspace;
beforeAll(async () => {
  ws = await createWorkspace();
});

const start = (ip: string) =>
  SELF.fetch(`${BASE}/chat/${ws.id}/sessions`, {
    method: "POST",
    headers: { "content-type": "application/json", origin: "https://shop.example", "cf-connecting-ip": ip },
    body: "{}",
  });

describe("chat session rate limit", () => {
  it("answers 429 once one visitor starts too many chats in a minute, without affecting other visitors", async () => {
    // The local limiter counts in fixed 60-second windows of the wall clock: a burst that straddles a window boundary
    // starts counting again, so it is repeated (from a fresh address) until one fits in a window.
    const window = () => Math.floor(Date.now() / 60_000);
    let statuses: number[] = [];
    let limited: Response | undefined;
    for (let attempt = 0; attempt < 3; attempt++) {
      const ip = `203.0.113.${attempt + 7}`;
      const began = window();
      statuses = [];
      for (let i = 0; i < 25; i++) statuses.push((await start(ip)).status);
      limited = await start(ip);
      if (window() === began) break;
    }
    expect(statuses.filter((s) => s === 201).length).toBe(20);
    expect(statuses.at(-1)).toBe(429);
    if (!limited) throw new Error("no request was made");
    expect(ErrorBody.parse(await limited.json()).error.code).toBe("rate_limited");
    expect(limited.headers.get("access-control-allow-origin")).toBe("*"); // the widget can read why
    expect((await start("198.51.100.9")).status).toBe(201);
  });
});
