// GET /widget.js: the script is served as JavaScript with cache headers and an ETag; the demo store is development-only.
import { SELF } from "cloudflare:test";
import { describe, expect, it } from "vitest";
import { BASE } from "../helpers";

describe("GET /widget.js", () => {
  it("serves the widget as JavaScript, cacheable, revalidated by ETag", async () => {
    const res = await SELF.fetch(`${BASE}/widget.js`);
    expect(res.status).toBe(200);
    expect(res.headers.get("content-type")).toBe("text/javascript; charset=utf-8");
    expect(res.headers.get("cache-control")).toMatch(/public, max-age=\d+/);
    expect(res.headers.get("x-content-type-options")).toBe("nosniff");
    const body = await res.text();
    expect(body).toContain("attachShadow");
    expect(body).toContain("data-workspace");
    expect(body).not.toMatch(/\.innerHTML\s*=(?!\s*`<style>)/); // the only innerHTML is the static template
    const etag = res.headers.get("etag")!;
    expect(etag).toMatch(/^"[0-9a-f]{32}"$/);
    const again = await SELF.fetch(`${BASE}/widget.js`, { headers: { "if-none-match": etag } });
    expect(again.status).toBe(304);
    await again.arrayBuffer();
  });

  it("keeps the demo storefront to development", async () => {
    const res = await SELF.fetch(`${BASE}/demo/store`);
    expect(res.status).toBe(404);
    await res.arrayBuffer();
  });
});
