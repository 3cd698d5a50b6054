// Admin URL parsing and page hints: which order/customer the Shopify admin shows.
import { describe, expect, it } from "vitest";
import { adminUrl, numericId, parseAdminUrl, scrapeHints } from "../../extension/lib/admin-context";

describe("parseAdminUrl", () => {
  it.each([
    ["https://admin.shopify.com/store/demo/orders/1001", { store: "demo", kind: "order", id: "1001" }],
    ["https://admin.shopify.com/store/north-wind/orders/5550001?tab=timeline", { store: "north-wind", kind: "order", id: "5550001" }],
    ["https://admin.shopify.com/store/demo/customers/77#notes", { store: "demo", kind: "customer", id: "77" }],
    ["https://admin.shopify.com/store/demo/customers/77/edit", { store: "demo", kind: "customer", id: "77" }],
  ])("%s", (url, want) => {
    expect(parseAdminUrl(url)).toEqual({ ...want, url });
  });

  it.each([
    "https://admin.shopify.com/store/demo/orders",
    "https://admin.shopify.com/store/demo/products/12",
    "https://admin.shopify.com/store/demo",
    "http://admin.shopify.com/store/demo/orders/1",
    "https://evil.example/admin.shopify.com/store/demo/orders/1",
    "https://admin.shopify.com/store/demo/orders/new",
  ])("not an order/customer page: %s", (url) => {
    expect(parseAdminUrl(url)).toBeNull();
  });
});

describe("scrapeHints", () => {
  it("finds the customer's email, phone and the order name on the page", () => {
    const h = scrapeHints("Order #1001\nCustomer\nJane Cooper\nJane.Cooper@Example.com\n+1 555-123-0001\nhelp@shopify.com");
    expect(h).toEqual({ emails: ["jane.cooper@example.com"], phones: ["+15551230001"], orderName: "#1001" });
  });
  it("is empty on a page without contact details", () => {
    expect(scrapeHints("Orders")).toEqual({ emails: [], phones: [], orderName: null });
  });
});

describe("admin links", () => {
  it("links an order by its numeric id, also from a GraphQL gid", () => {
    expect(adminUrl("demo", "order", numericId("gid://shopify/Order/450789469"))).toBe("https://admin.shopify.com/store/demo/orders/450789469");
    expect(adminUrl("demo", "customer", "207119551")).toBe("https://admin.shopify.com/store/demo/customers/207119551");
  });
});
