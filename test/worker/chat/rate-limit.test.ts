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
    const statuses: number[] = [];
    for (let i = 0; i < 25; i++) statuses.push((await start("203.0.113.7")).status);
    expect(statuses.filter((s) => s === 201).length).toBe(20);
    expect(statuses.at(-1)).toBe(429);
    const limited = await start("203.0.113.7");
    expect(ErrorBody.parse(await limited.json()).error.code).toBe("rate_limited");
    expect(limited.headers.get("access-control-allow-origin")).toBe("*"); // the widget can read why
    expect((await start("198.51.100.9")).status).toBe(201);
  });
});
