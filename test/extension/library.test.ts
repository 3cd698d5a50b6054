// Quick replies and saved views against the worker's API (a fake fetch speaking docs/api.md §2 Routes), and the helpers around them:
// filter descriptions, store-settings normalisation, the email frame's document.
import { describe, expect, it } from "vitest";
import { Api, ApiError } from "../../extension/lib/api";
import { countryName, countryOptions, normalizeShopDomain } from "../../extension/lib/countries";
import { describeFilter } from "../../extension/lib/filter-label";
import { InboxStore } from "../../extension/state/inbox.svelte";
import { fillTemplate, QuickReplies } from "../../extension/state/quick-replies.svelte";
import { sameFilter, SavedViews } from "../../extension/state/views.svelte";
import { emailDocument } from "../../extension/lib/email-html";

const AT = "2026-03-01T12:00:00.000Z";
const json = (status: number, body: unknown) => (status === 204 ? new Response(null, { status }) : Response.json(body, { status }));

/** A tiny in-memory worker for /api/quick-replies and /api/views; `role` decides whether writes are allowed. */
function fakeWorker(role: "owner" | "support") {
  const replies = [{ id: "qr_1", title: "Returns", text: "Returns are free within 30 days, {{first_name}}.", createdAt: AT, updatedAt: AT }];
  const views: { id: string; name: string; filter: unknown; shared: boolean; mine: boolean; createdAt: string }[] = [];
  const calls: string[] = [];
  let down = false;
  const forbidden = () => json(403, { error: { code: "forbidden", message: "Only owner or admin may manage quick replies." } });
  const api = new Api("https://desk.example", "tok", async (url, init) => {
    if (down) throw new TypeError("fetch failed");
    const { pathname, searchParams } = new URL(url);
    const method = init?.method ?? "GET";
    const body = init?.body ? JSON.parse(String(init.body)) : undefined;
    calls.push(`${method} ${pathname}${searchParams.size ? `?${searchParams}` : ""}`);
    if (pathname === "/api/quick-replies" && method === "GET") return json(200, { quickReplies: replies });
    if (pathname.startsWith("/api/quick-replies")) {
      if (role !== "owner") return forbidden();
      const id = pathname.split("/")[3];
      if (method === "DELETE") {
        replies.splice(
          replies.findIndex((r) => r.id === id),
          1,
        );
        return json(204, null);
      }
      const saved = { id: id ?? `qr_${replies.length + 1}`, ...body, createdAt: AT, updatedAt: AT };
      if (id)
        replies.splice(
          replies.findIndex((r) => r.id === id),
          1,
          saved,
        );
      else replies.push(saved);
      return json(id ? 200 : 201, { quickReply: saved });
    }
    if (pathname === "/api/views" && method === "GET") return json(200, { views });
    if (pathname === "/api/views" && method === "POST") {
      const view = { id: `vw_${views.length + 1}`, name: body.name, filter: body.filter, shared: body.shared, mine: true, createdAt: AT };
      views.push(view);
      return json(201, { view });
    }
    if (pathname.startsWith("/api/views/") && method === "DELETE") {
      views.splice(0, 1);
      return json(204, null);
    }
    return json(404, { error: { code: "not_found", message: "No such route." } });
  });
  return {
    api,
    calls,
    replies,
    views,
    goDown: () => {
      down = true;
    },
  };
}

describe("QuickReplies (kept by the worker)", () => {
  it("loads the inbox's replies, searches every word, and creates, edits and deletes through the API", async () => {
    const w = fakeWorker("owner");
    const store = new QuickReplies(() => w.api);
    await store.load();
    expect(store.items.map((r) => r.title)).toEqual(["Returns"]);
    expect(store.search("free 30").map((r) => r.id)).toEqual(["qr_1"]);
    expect(store.search("free shipping")).toEqual([]);
    const made = await store.save(null, { title: "Shipping", text: "We ship in 1 day." });
    expect(store.items.map((r) => r.title)).toEqual(["Returns", "Shipping"]);
    await store.save(made.id, { title: "Shipping times", text: "We ship in 1 business day." });
    expect(store.search("business").map((r) => r.title)).toEqual(["Shipping times"]);
    await store.remove("qr_1");
    expect(store.items.map((r) => r.title)).toEqual(["Shipping times"]);
    expect(w.calls).toEqual(["GET /api/quick-replies", "POST /api/quick-replies", "PUT /api/quick-replies/qr_2", "DELETE /api/quick-replies/qr_1"]);
  });

  it("refuses changes for support agents with the worker's reason, and keeps the list unchanged", async () => {
    const w = fakeWorker("support");
    const store = new QuickReplies(() => w.api);
    await store.load();
    const err = await store.save(null, { title: "Mine", text: "text" }).catch((e: unknown) => e);
    expect(err).toBeInstanceOf(ApiError);
    expect((err as ApiError).kind).toBe("forbidden");
    expect((err as ApiError).message).toMatch(/Only owner or admin/);
    await expect(store.remove("qr_1")).rejects.toThrow(/Only owner or admin/);
    expect(store.items.map((r) => r.id)).toEqual(["qr_1"]);
  });

  it("keeps what it had and says why when the worker cannot be reached", async () => {
    const w = fakeWorker("owner");
    const store = new QuickReplies(() => w.api);
    await store.load();
    w.goDown();
    await store.load();
    expect(store.items).toHaveLength(1);
    expect(store.error).toMatch(/Can't reach/);
  });

  it("fills the customer's name into templates", () => {
    expect(fillTemplate("Hi {{first_name}} ({{ name }})", "Jane Cooper")).toBe("Hi Jane (Jane Cooper)");
    expect(fillTemplate("Hi {{first_name}}", null)).toBe("Hi there");
  });
});

describe("SavedViews", () => {
  it("saves the filter on screen, applies it to the inbox list, and deletes it", async () => {
    const w = fakeWorker("support");
    const views = new SavedViews(() => w.api);
    const queries: Record<string, unknown>[] = [];
    const listApi = {
      tickets: async (q: Record<string, unknown>) => {
        queries.push(q);
        return { tickets: [], nextCursor: null };
      },
    } as unknown as Api;
    const inbox = new InboxStore({ api: () => listApi, me: () => "me" });
    inbox.setFilter({ view: "all", status: "open", tag: "vip", q: "jacket" }, true);
    const view = await views.create("  VIP jackets ", inbox.filter, true);
    expect(w.views[0]).toMatchObject({ name: "VIP jackets", shared: true, filter: { view: "all", status: "open", tag: "vip", q: "jacket" } });
    inbox.setFilter({ view: "mine" }, true);
    expect(inbox.filter).toEqual({ view: "mine" });
    inbox.applyView(view);
    expect(inbox.savedView?.name).toBe("VIP jackets");
    expect(sameFilter(inbox.filter, view.filter)).toBe(true);
    expect(queries.at(-1)).toMatchObject({ view: "all", status: "open", tag: "vip", q: "jacket" });
    inbox.setFilter({ channel: "sms" });
    expect(inbox.savedView).toBeNull(); // changed by hand: no longer that view
    await views.remove(view.id);
    expect(views.items).toEqual([]);
  });

  it("describes filters in words", () => {
    const name = (id: string | null) => (id === "ag_2" ? "Sam" : "Unknown");
    expect(describeFilter({ view: "all", status: "open", channel: "sms", tag: "vip", q: "jacket" }, name)).toBe("All · open · SMS · #vip · “jacket”");
    expect(describeFilter({ view: "mine", assignee: "ag_2", flow: "Winback" }, name)).toBe("My inbox · assigned to Sam · flow Winback");
    expect(describeFilter({ view: "all", assignee: "none" }, name)).toBe("All · unassigned");
  });
});

describe("store settings helpers", () => {
  it.each([
    ["northwind", "northwind.myshopify.com"],
    ["https://Northwind-Outfitters.myshopify.com/admin", "northwind-outfitters.myshopify.com"],
    ["  shop.example.com ", "shop.example.com"],
    ["", ""],
  ])("shop domain %j → %j", (input, want) => expect(normalizeShopDomain(input)).toBe(want));

  it("names ISO countries and leaves out groupings and withdrawn codes", () => {
    expect(countryName("US")).toBe("United States");
    expect(countryName("eu")).toBeNull();
    const codes = countryOptions().map((c) => c.code);
    expect(codes).toContain("CA");
    expect(codes).not.toContain("UK");
    expect(codes.length).toBeGreaterThan(240);
    expect(codes.length).toBeLessThan(260);
  });
});

describe("email frame document", () => {
  const html = '<p>Hi</p><img data-remote-src="https://tracker.example/p.gif" alt="">';
  it("blocks remote images by default (CSP allows data: only) and shows them only when asked", () => {
    const off = emailDocument(html, false);
    expect(off).toContain("default-src 'none'; img-src data:;");
    expect(off).not.toMatch(/\ssrc=/);
    const on = emailDocument(html, true);
    expect(on).toContain("img-src https: data:;");
    expect(on).toContain('<img src="https://tracker.example/p.gif"');
    expect(on).not.toContain("script-src");
  });
});
