// Orders beside the thread, in Chromium against wrangler dev and its fake Shopify: tracking into the reply, a refund
// with Shopify's suggested amount, a discount code into the reply, a macro previewed then applied from the composer,
// and limits: an admin's own request waits for the owner, and a support agent's request reaches the admin's panel
// live to be approved there. The panel is signed in as the admin; runs at 10:30 in the workspace's zone.

import type { Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { NewAgentResponse, OrderActionResponse, TicketDetailResponse } from "../../../shared/schemas";
import { MacroResponse } from "../../../shared/schemas/macros";
import { dayAt, setTime } from "../clock";
import { order } from "./fixtures";
import { type Browser, customer, freshPanel, launchExtension, type Stack, shot, signedInPanel, startStack, until } from "./harness";

const PORT = 8797;
const TZ = "America/New_York";
const WORK_HOURS = dayAt("10:30", TZ);
let stack: Stack;
let browser: Browser;
let panel: Page;
let admin: { id: string; token: string };
const ids: Record<string, string> = {};
const UPS = { company: "UPS", number: "1Z999AA10123456784", url: "https://www.ups.com/track?tracknum=1Z999AA10123456784" };
const PEOPLE = [
  { name: "Ada Byron", phone: "+12025550111", email: "ada@example.com", consent: true, text: "Where is my parcel?" },
  { name: "Ben Okafor", phone: "+12025550112", email: "ben@example.com", consent: true, text: "One of the mugs arrived broken." },
  { name: "Cleo Ruiz", phone: "+12025550113", email: "cleo@example.com", consent: true, text: "I'd like my money back." },
];
const MUGS: [string, string | null, number, string][] = [
  ["Stoneware Mug", "Blue", 2, "25.00"],
  ["Wool Throw", null, 1, "120.00"],
];

const row = (name: string) => panel.getByTestId("ticket-row").filter({ hasText: name });
const card = (name: string) => panel.locator(`[data-order-name="${name}"]`);
const activity = (text: string | RegExp) => panel.getByTestId("msg-activity").filter({ hasText: text });
async function openCustomer(name: string) {
  await panel.getByTestId("open-nav").click();
  await panel.getByTestId("nav-all").click();
  await row(name).click();
  await panel.getByTestId("tab-customer").click();
}
async function action(token: string, path: string, body: unknown) {
  const res = await fetch(`${stack.base}${path}`, {
    method: "POST",
    headers: { authorization: `Bearer ${token}`, "content-type": "application/json", "idempotency-key": crypto.randomUUID() },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: OrderActionResponse.parse(await res.json()) };
}

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(PORT), launchExtension()]);
  await setTime(stack.base, WORK_HOURS);
  const added = await stack.api("POST", "/api/agents", {
    token: stack.owner.token,
    body: { name: "Ana Admin", email: "ana@northwind.example", role: "admin" },
    schema: NewAgentResponse,
  });
  admin = { id: added.body.agent.id, token: added.body.token };
  await stack.api("PUT", "/api/settings", {
    token: stack.owner.token,
    body: { orders: { limits: { support: { refund: 50 }, admin: { refund: 100 } } } },
  });
  for (const p of PEOPLE) ids[p.name] = await customer(stack, p);
  const [ada, ben, cleo] = PEOPLE as [(typeof PEOPLE)[number], (typeof PEOPLE)[number], (typeof PEOPLE)[number]];
  await order(stack, {
    number: 4001,
    email: ada.email,
    phone: ada.phone,
    first: "Ada",
    last: "Byron",
    lines: MUGS,
    fulfilled: true,
    tracking: UPS,
    daysAgo: 2,
  });
  await order(stack, { number: 4002, email: ben.email, phone: ben.phone, first: "Ben", last: "Okafor", lines: MUGS, shippingPrice: "9.00" });
  await order(stack, { number: 4003, email: cleo.email, phone: cleo.phone, first: "Cleo", last: "Ruiz", lines: MUGS });
  await stack.api("POST", "/api/macros", {
    token: stack.owner.token,
    body: {
      name: "Where is my order",
      message: { kind: "reply", text: "Hi {{customer.first_name}}, {{order.number}} is on its way: {{order.tracking_link}}" },
      addTags: ["wismo"],
      status: { to: "closed" },
    },
    schema: MacroResponse,
  });
  panel = await signedInPanel(stack, browser, admin.token, WORK_HOURS);
}, 240_000);

beforeEach(() => freshPanel(panel, stack, browser, WORK_HOURS));

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe("orders beside the thread", () => {
  it("shows the shipment and puts a sentence with its tracking link into the reply", async () => {
    await openCustomer("Ada Byron");
    const shipment = card("#4001").getByTestId("shipment");
    await shipment.waitFor();
    expect(await shipment.textContent()).toContain("UPS 1Z999AA10123456784");
    expect(await shipment.textContent()).toContain("In transit");
    await shot(panel, "40-order-shipment");
    // Shipped: the address can no longer change, and the menu says why instead of offering it.
    await card("#4001").getByTestId("order-actions").click();
    const address = panel.getByTestId("order-action-address");
    expect(await address.isDisabled()).toBe(true);
    expect(await address.textContent()).toContain("Items of #4001 have shipped; the address can no longer change.");
    expect(await panel.getByTestId("order-action-refund").isDisabled()).toBe(false);
    await shot(panel, "40b-order-actions-menu");
    await panel.keyboard.press("Escape");
    await shipment.getByTestId("insert-tracking").click();
    const input = panel.getByTestId("composer-input");
    await expect.poll(() => input.inputValue()).toBe(`Your order #4001 is on its way with UPS. You can follow it here: ${UPS.url}`);
    await panel.getByTestId("send").click();
    // SMS links are shortened on the way out: the sentence arrives with a short link in place of the carrier's.
    await panel.getByTestId("msg-outbound").filter({ hasText: "Your order #4001 is on its way with UPS" }).waitFor();
  });

  it("refunds chosen items after showing what Shopify will refund, and says so on the ticket", async () => {
    await openCustomer("Ben Okafor");
    await card("#4002").getByTestId("order-actions").click();
    await panel.getByTestId("order-action-refund").click();
    await panel.getByTestId("refund-quantity").first().fill("1");
    const preview = panel.getByTestId("refund-preview");
    await expect.poll(() => preview.textContent()).toContain("Shopify will refund $25.00");
    expect(await preview.textContent()).toContain("At most $179.00 can be refunded");
    await panel.getByTestId("refund-reason").fill("Arrived broken");
    await shot(panel, "41-refund-dialog");
    await panel.getByRole("button", { name: "Refund $25.00" }).click();
    await panel.getByText("Refunded $25.00 on #4002").first().waitFor();
    await expect.poll(() => card("#4002").textContent()).toContain("Refunded $25.00");
    await panel.getByTestId("tab-conversation").click();
    await activity(/refunded \$25\.00 on order #4002: Arrived broken/).waitFor();
  });

  it("makes a discount code and puts it into the reply", async () => {
    await openCustomer("Ben Okafor");
    await card("#4002").getByTestId("order-actions").click();
    await panel.getByTestId("order-action-discount").click();
    await panel.getByTestId("discount-value").fill("10");
    await panel.getByTestId("discount-reason").fill("Sorry about the mug");
    await panel.getByRole("button", { name: "Create code" }).click();
    const input = panel.getByTestId("composer-input");
    await expect.poll(() => input.inputValue()).toMatch(/Here is a code for your next order: GIFT-[A-Z2-9]{8}/);
    const code = /GIFT-[A-Z2-9]{8}/.exec(await input.inputValue())![0];
    await activity(new RegExp(`created discount code ${code} \\(10%\\)`)).waitFor();
  });

  it("applies a macro from the composer after showing exactly what it will do", async () => {
    await openCustomer("Ada Byron");
    await panel.getByTestId("tab-conversation").click();
    await panel.getByTestId("quick-replies").click();
    await panel.getByTestId("quick-reply-search").fill("where");
    await panel.getByTestId("macro-option").filter({ hasText: "Where is my order" }).click();
    const steps = panel.getByTestId("macro-step");
    await expect.poll(() => steps.count()).toBe(3);
    expect(await steps.nth(0).textContent()).toContain(`Hi Ada, #4001 is on its way: ${UPS.url}`);
    expect(await steps.nth(1).textContent()).toContain("+wismo");
    expect(await steps.nth(2).textContent()).toContain("Close");
    await shot(panel, "42-macro-preview");
    await panel.getByRole("button", { name: "Apply" }).click();
    await panel.getByText("Macro “Where is my order” applied").first().waitFor();
    await until("the ticket closed", async () => {
      const t = await stack.api("GET", `/api/tickets/${ids["Ada Byron"]}`, { token: stack.owner.token, schema: TicketDetailResponse });
      return (
        t.body.ticket.status === "closed" &&
        t.body.ticket.tags.includes("wismo") &&
        t.body.messages.some((m) => m.kind === "outbound" && m.text.startsWith("Hi Ada"))
      );
    });
  });

  it("changes the shipping address, the note and tags, and sends a free replacement, from the order card", async () => {
    await openCustomer("Ben Okafor");
    const order4002 = card("#4002");
    await order4002.getByTestId("order-actions").click();
    await panel.getByTestId("order-action-address").click();
    await panel.getByTestId("address-address1").fill("9 Harbor Rd");
    await panel.getByTestId("address-city").fill("Baltimore");
    await panel.getByTestId("address-provinceCode").fill("MD");
    await panel.getByTestId("address-zip").fill("ABCDE"); // not a US postal code: the worker says so
    await panel.getByRole("button", { name: "Save address" }).click();
    await panel
      .getByText(/address\.zip is not a postal code of US/)
      .first()
      .waitFor();
    await panel.getByTestId("address-zip").fill("21201");
    await panel.getByRole("button", { name: "Save address" }).click();
    await panel.getByText("Shipping address of #4002 changed").first().waitFor();

    await order4002.getByTestId("order-actions").click();
    await panel.getByTestId("order-action-note").click();
    await panel.getByLabel("Order note").fill("Fragile: double box");
    await panel.getByLabel("Tags (comma-separated)").fill("fragile, vip");
    await panel.getByRole("button", { name: "Save", exact: true }).click();
    await panel.getByText("Note and tags of #4002 saved").first().waitFor();

    await order4002.getByTestId("order-actions").click();
    await panel.getByTestId("order-action-replacement").click();
    await panel.getByTestId("replacement-quantity").first().fill("1");
    await panel.getByTestId("replacement-reason").fill("Broken in transit");
    await panel.getByRole("button", { name: "Place replacement order" }).click();
    await panel
      .getByText(/Replacement order #\d+ placed/)
      .first()
      .waitFor();

    await panel.getByTestId("tab-conversation").click();
    await activity(/changed the shipping address of order #4002 to 9 Harbor Rd, Baltimore MD 21201, US/).waitFor();
    await activity(/updated the note and tags of order #4002/).waitFor();
    await activity(/placed replacement order #\d+ for order #4002 \(\$25\.00\): Broken in transit/).waitFor();
  });

  it("above the admin's own limit a refund waits for the owner, and the admin hears the outcome live", async () => {
    await openCustomer("Cleo Ruiz");
    await card("#4003").getByTestId("order-actions").click();
    await panel.getByTestId("order-action-refund").click();
    await panel.getByRole("radio", { name: "Whole order" }).check();
    await expect.poll(() => panel.getByTestId("refund-preview").textContent()).toContain("Shopify will refund $170.00");
    await panel.getByTestId("refund-reason").fill("Changed her mind");
    await expect.poll(() => panel.getByTestId("needs-approval").textContent()).toContain("Above your limit of $100.00");
    await panel.getByRole("button", { name: "Ask for approval" }).click();
    await panel.getByText("Sent for approval: Refund of $170.00 on #4003").first().waitFor();
    const pending = await stack.api("GET", "/api/approvals", { token: stack.owner.token });
    const id = (pending.body as { approvals: { id: string }[] }).approvals[0]!.id;
    await stack.api("POST", `/api/approvals/${id}/approve`, { token: stack.owner.token, body: {} });
    await panel.getByText("Approved: Refund of $170.00 on #4003").first().waitFor();
    await panel.getByTestId("tab-conversation").click();
    await activity(/Nadia Owner approved Ana Admin's request/).waitFor();
  });

  it("a support agent's request above their limit reaches the admin's panel live, to approve there", async () => {
    const asked = await action(stack.support.token, "/api/orders/6100000004002/refund", {
      plan: { amount: "60.00" },
      reason: "Goodwill",
      ticketId: ids["Ben Okafor"],
    });
    expect(asked.status).toBe(202);
    const banner = panel.getByTestId("approvals-banner");
    await banner.waitFor();
    expect(await banner.textContent()).toContain("1 request waits for your approval");
    await banner.click();
    const request = panel.getByTestId("approval").filter({ hasText: "Refund of $60.00 on #4002" });
    await request.waitFor();
    expect(await request.textContent()).toContain("Sam Support · Goodwill");
    await shot(panel, "43-approvals");
    await request.getByTestId("approve").click();
    await expect.poll(() => panel.getByTestId("approval").count()).toBe(0);
    const state = () => stack.api("GET", `/api/order-actions/${asked.body.action.id}`, { token: stack.support.token, schema: OrderActionResponse });
    await expect.poll(async () => (await state()).body.action.status).toBe("done");
    expect((await state()).body.action.decidedBy?.name).toBe("Ana Admin");
  });

  it("a declined request says why, to the agent who asked", async () => {
    const asked = await action(stack.support.token, "/api/orders/6100000004002/refund", {
      plan: { amount: "55.00" },
      reason: "Second try",
      ticketId: ids["Ben Okafor"],
    });
    expect(asked.status).toBe(202);
    await panel.getByTestId("approvals-banner").click();
    const request = panel.getByTestId("approval").filter({ hasText: "Refund of $55.00 on #4002" });
    await request.getByTestId("decline").click();
    await request.getByTestId("decline-reason").fill("Already replaced");
    await request.getByTestId("confirm-decline").click();
    await expect.poll(() => panel.getByTestId("approval").count()).toBe(0);
    const state = await stack.api("GET", `/api/order-actions/${asked.body.action.id}`, { token: stack.support.token, schema: OrderActionResponse });
    expect(state.body.action).toMatchObject({ status: "declined", declineReason: "Already replaced" });
  });

  it("manages macros and shows the limits in settings, and the compensation in reports", async () => {
    await panel.getByTestId("open-settings").click();
    await panel.getByTestId("settings-tab-macros").click();
    await panel.getByTestId("macro").filter({ hasText: "Where is my order" }).waitFor();
    await panel.getByTestId("new-macro").click();
    await panel.getByLabel("Name").fill("Thanks and close");
    await panel.getByTestId("macro-text").fill("Thanks {{customer.first_name}}, glad we could help!");
    await panel.getByLabel("Status").selectOption("closed");
    await panel.getByRole("button", { name: "Save", exact: true }).click();
    await panel.getByTestId("macro").filter({ hasText: "Thanks and close" }).waitFor();
    await panel.getByTestId("settings-tab-limits").click();
    await expect.poll(() => panel.getByTestId("limit-support-refund").inputValue()).toBe("50");
    expect(await panel.getByTestId("limit-support-refund").isDisabled()).toBe(true); // only the owner changes them
    await shot(panel, "44-limits");
    expect(await panel.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(400);
    await panel.goto(`chrome-extension://${browser.extensionId}/sidepanel.html`);
    await panel.getByTestId("open-nav").click();
    await panel.getByTestId("nav-reports").click();
    const given = panel.getByTestId("report-compensation");
    await given.waitFor();
    expect(await given.textContent()).toContain("Ana Admin");
    expect(await panel.getByTestId("report-reasons").textContent()).toContain("Arrived broken");
    await given.scrollIntoViewIfNeeded();
    await shot(panel, "45-compensation-report");
  });
});
