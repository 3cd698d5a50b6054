// The side panel end to end: the built extension in real Chromium against a local worker seeded by the test.
// Scenarios run in order on one workspace, as an agent's day would: sign in, work the inbox, go offline, follow the admin.
// Every test starts from a known panel (reloaded on the list, online, no other tab) at a known hour: 10:30 in the
// workspace's time zone on the run's day, except where a test sets another on purpose (the customer's quiet hours).

import { readFileSync } from "node:fs";
import type { Page } from "playwright-core";
import PostalMime from "postal-mime";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { NewAgentResponse, QuickReplyList, SavedViewList, SetupResponse, TicketExport } from "../../../shared/schemas";
import { SettingsView } from "../../../shared/schemas/settings-view";
import { parseExactly } from "../../response-shape";
import { dayAt, installBrowserClock, setTime } from "../clock";
import { email, order } from "./fixtures";
import { type Browser, customer, launchExtension, outbox, type Stack, settled, shot, sms, startStack, until } from "./harness";

const PORT = 8797;
const TZ = "America/New_York"; // the workspace's, and (no profile zone known) every customer's
const WORK_HOURS = dayAt("10:30", TZ);
const QUIET_HOURS = dayAt("22:30", TZ);
let stack: Stack;
let browser: Browser;
let panel: Page;
const ids: Record<string, string> = {};

const JANE = {
  name: "Jane Cooper",
  phone: "+15551230001",
  email: "jane.cooper@example.com",
  consent: true,
  text: "Hi! My order #1001 hasn't arrived yet, it's been 9 days. Can you check where it is?",
};
const MARCUS = {
  name: "Marcus Lee",
  phone: "+15551230002",
  email: "marcus@example.com",
  consent: true,
  text: "Do you ship to Canada? Looking at the Trail Jacket.",
};
const PRIYA = { name: "Priya Shah", phone: "+15551230003", email: "priya@example.com", consent: false, text: "What's your return policy for sale items?" };
const HTML = {
  name: "Tom Tester",
  phone: "+15551230004",
  email: "tom@example.com",
  consent: true,
  text: '<b>bold?</b> <script>window.__pwned = 1</script><img src=x onerror="window.__pwned=2">',
};
const OTHERS = [
  { name: "Olivia Martin", phone: "+15551230005", email: "olivia@example.com", consent: true, text: "Can I change the size on my order to a medium?" },
  { name: "Diego Alvarez", phone: "+15551230006", email: "diego@example.com", consent: true, text: "Thanks, got it! 🙌" },
  { name: "Emma Wilson", phone: "+15551230007", email: "emma@example.com", consent: false, text: "Is the discount code still valid?" },
];

const row = (name: string) => panel.getByTestId("ticket-row").filter({ hasText: name });

async function openFromList(name: string) {
  await row(name).first().click();
  await panel.getByTestId("ticket-name").filter({ hasText: name }).waitFor();
}
async function back() {
  await panel.getByTestId("back").click();
  await panel.getByTestId("ticket-list").waitFor();
}
async function view(v: string) {
  await panel.getByTestId("open-nav").click();
  await panel.getByTestId(`nav-${v}`).click();
}

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(PORT), launchExtension()]);
  await setTime(stack.base, WORK_HOURS);
  for (const c of [...OTHERS, PRIYA, HTML, MARCUS, JANE]) ids[c.name] = await customer(stack, c);
  const t = stack.owner.token;
  await stack.api("PATCH", `/api/tickets/${ids[JANE.name]}`, { token: t, body: { assigneeId: stack.owner.id, tags: ["shipping/delayed", "vip"] } });
  await stack.api("PATCH", `/api/tickets/${ids[MARCUS.name]}`, { token: t, body: { assigneeId: stack.owner.id, tags: ["shipping/international"] } });
  await stack.api("PATCH", `/api/tickets/${ids[OTHERS[0]!.name]}`, { token: t, body: { assigneeId: stack.support.id, tags: ["orders/change"] } });
  // Jane's order #1001 (the one her SMS is about), matched to her profile by email and phone.
  await order(stack, {
    number: 1001,
    email: JANE.email,
    phone: JANE.phone,
    first: "Jane",
    last: "Cooper",
    lines: [
      ["Trail Jacket", "M / Forest", 1, "189.00"],
      ["Merino Socks", "M", 2, "18.00"],
    ],
  });
  await installBrowserClock(browser.context, WORK_HOURS);
  panel = await browser.panel();
}, 240_000);

// A failed test leaves nothing behind for the next: back online, other tabs closed, the working hour, a freshly loaded panel.
beforeEach(async () => {
  await browser.context.setOffline(false);
  for (const page of browser.context.pages()) if (page !== panel) await page.close();
  await setTime(stack.base, WORK_HOURS, browser.context);
  await panel.goto(`chrome-extension://${browser.extensionId}/sidepanel.html`);
  await panel.getByTestId("ticket-list").or(panel.getByLabel("Agent token")).or(panel.getByTestId("reports")).first().waitFor();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe("side panel", () => {
  it("signs in, with clear errors for a wrong URL and a refused token", async () => {
    await panel.getByLabel("Worker URL").fill("http://127.0.0.1:9");
    await panel.getByLabel("Agent token").fill("sdk_nope");
    await panel.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => panel.getByTestId("signin-error").textContent()).toContain("Can't reach");
    await panel.getByLabel("Worker URL").fill(stack.base);
    await panel.getByRole("button", { name: "Sign in" }).click();
    await expect.poll(() => panel.getByTestId("signin-error").textContent()).toContain("refused this token");
    await shot(panel, "01-sign-in-error");
    await panel.getByLabel("Agent token").fill(stack.owner.token);
    await panel.getByRole("button", { name: "Sign in" }).click();
    await panel.getByTestId("ticket-list").waitFor();
  });

  it("lists My inbox with live counts in the navigation", async () => {
    await row(JANE.name).waitFor();
    await row(MARCUS.name).waitFor();
    expect(await panel.getByTestId("ticket-row").count()).toBe(2);
    await expect.poll(() => panel.getByTestId("view-title").textContent()).toContain("2");
    await shot(panel, "02-my-inbox");
    await panel.getByTestId("open-nav").click();
    await expect.poll(() => panel.getByTestId("count-all").textContent()).toBe("7");
    expect(await panel.getByTestId("count-unassigned").textContent()).toBe("4");
    await settled(panel);
    // The drawer is an opaque sheet: nothing of the list shows through it once it has slid in.
    expect(await panel.getByTestId("nav-drawer").evaluate((el) => [getComputedStyle(el).opacity, getComputedStyle(el).backgroundColor])).toEqual([
      "1",
      "rgb(255, 255, 255)",
    ]);
    await shot(panel, "03-navigation");
    await panel.getByTestId("nav-all").click();
    await expect.poll(() => panel.getByTestId("ticket-row").count()).toBe(7);
    await shot(panel, "04-all");
  });

  it("opens a ticket, replies (sent by SMS exactly once) and adds a note (never sent)", async () => {
    await openFromList(JANE.name);
    await panel.getByText("hasn't arrived yet").waitFor();
    expect(await panel.getByTestId("quiet-hours").count()).toBe(0); // 10:30 for Jane: no warning, one click sends
    await panel.getByTestId("composer-input").fill("Hi Jane, sorry about that! Your parcel is with the carrier, arriving Thursday.");
    // A photo attached in the panel goes as MMS media: a signed link that serves the same bytes.
    await panel.getByTestId("composer-file-input").setInputFiles({ name: "tracking.png", mimeType: "image/png", buffer: ZIPPER_PHOTO });
    await panel.getByTestId("composer-files").getByText("tracking.png").waitFor();
    await panel.getByTestId("send").click();
    const mms = await until("reply in the outbox", async () => (await outbox(stack)).find((m) => m.body.includes("arriving Thursday")));
    expect(mms.media).toHaveLength(1);
    expect(Buffer.from(await (await fetch(mms.media[0]!)).arrayBuffer()).equals(ZIPPER_PHOTO)).toBe(true);
    await panel.getByTestId("msg-outbound").filter({ hasText: "arriving Thursday" }).waitFor();
    await panel.getByTestId("mode-note").click();
    await panel.getByTestId("composer-input").fill("Carrier confirmed the delay — refund shipping if it slips again.");
    await panel.getByTestId("send").click();
    await panel.getByTestId("msg-note").filter({ hasText: "Carrier confirmed" }).waitFor();
    await panel.waitForTimeout(500);
    const sent = await outbox(stack);
    expect(sent.filter((m) => m.body.includes("arriving Thursday"))).toHaveLength(1);
    expect(sent.some((m) => m.body.includes("Carrier confirmed"))).toBe(false);
    await shot(panel, "05-ticket-thread");
    await panel.getByTestId("tab-customer").click();
    await panel.getByTestId("customer-panel").waitFor();
    await panel.getByTestId("orders").waitFor();
    // The customer panel lists the files exchanged; one opens through a fresh link in a new tab.
    const listed = panel.getByTestId("files-links").getByRole("button", { name: "tracking.png" });
    const [tab] = await Promise.all([browser.context.waitForEvent("page"), listed.click()]);
    expect(Buffer.from(await (await fetch(tab.url())).arrayBuffer()).equals(ZIPPER_PHOTO)).toBe(true);
    await tab.close();
    await shot(panel, "06-customer-panel");
    await panel.getByRole("tab", { name: "Conversation" }).click();
  });

  it("warns in the customer's quiet hours and sends only once the agent confirms", async () => {
    await setTime(stack.base, QUIET_HOURS, browser.context);
    await view("all");
    await openFromList(OTHERS[0]!.name);
    const warning = panel.getByTestId("quiet-hours");
    await warning.waitFor();
    expect(await warning.textContent()).toContain("22:30");
    await panel.getByTestId("composer-input").fill("Hi Olivia, a medium is on its way — no action needed.");
    await panel.getByTestId("send").click();
    await expect.poll(() => panel.getByTestId("send").textContent()).toContain("Send anyway");
    await shot(panel, "05b-quiet-hours");
    expect((await outbox(stack)).some((m) => m.body.includes("a medium is on its way"))).toBe(false);
    await panel.getByTestId("send").click();
    await until("confirmed reply in the outbox", async () => (await outbox(stack)).some((m) => m.body.includes("a medium is on its way")));
    await panel.getByTestId("msg-outbound").filter({ hasText: "a medium is on its way" }).waitFor();
  });

  it("snoozes a ticket, shows until when, and it leaves My inbox", async () => {
    await openFromList(JANE.name);
    await panel.getByTestId("snooze").click();
    await panel.getByTestId("snooze-later_today").click();
    // The panel moves on (to the next conversation, or the list), with Undo in the notice.
    await expect.poll(() => panel.locator(".toast").first().textContent()).toMatch(/Snoozed #\d+/);
    await expect.poll(async () => (await panel.getByTestId("ticket-name").allTextContents()).includes(JANE.name)).toBe(false);
    if (await panel.getByTestId("back").count()) await back();
    await view("all");
    await openFromList(JANE.name);
    await panel.getByTestId("snoozed-until").waitFor();
    expect(await panel.getByTestId("snoozed-until").textContent()).toMatch(/Snoozed until/);
    await shot(panel, "07-snoozed");
    await back();
    await view("mine");
    await row(MARCUS.name).waitFor();
    await expect.poll(() => row(JANE.name).count()).toBe(0);
    await expect.poll(() => panel.getByTestId("view-title").textContent()).toContain("1");
  });

  it("shows a message arriving by webhook live, in the list and in the open thread", async () => {
    await view("all");
    await row(JANE.name).waitFor();
    await sms(stack, "+15551230099", "Hello? Anyone there? Need help with sizing.");
    // A stranger's first SMS: a new row (named by phone) appears without a refresh.
    await row("+15551230099").waitFor({ timeout: 10_000 });
    await openFromList(MARCUS.name);
    await sms(stack, MARCUS.phone, "Also — do you have it in green?", { type: "image/png", bytes: ZIPPER_PHOTO });
    const mms = panel.getByTestId("msg-inbound").filter({ hasText: "in green" });
    await mms.waitFor({ timeout: 10_000 });
    // The MMS photo was fetched from Twilio's media edge and stored: the agent sees the same bytes.
    const photo = mms.getByRole("img", { name: "attachment-1.png" });
    await photo.waitFor({ timeout: 10_000 });
    expect(Buffer.from(await (await fetch((await photo.getAttribute("src")) ?? "")).arrayBuffer()).equals(ZIPPER_PHOTO)).toBe(true);
    await back();
  });

  it("disables replies without SMS consent and says why", async () => {
    await view("all");
    await openFromList(PRIYA.name);
    const gate = panel.getByTestId("consent-gate");
    await gate.waitFor();
    expect(await gate.textContent()).toContain("not consented");
    expect(await panel.getByTestId("composer-input").isDisabled()).toBe(true);
    await shot(panel, "08-consent-gate");
    await back();
  });

  it("shows message text containing HTML and script as text", async () => {
    await view("all");
    await openFromList(HTML.name);
    const text = panel.getByTestId("msg-inbound").filter({ hasText: "pwned" }).getByTestId("msg-text");
    await expect.poll(() => text.textContent()).toContain("<script>window.__pwned = 1</script>");
    expect(await text.locator("b, script, img").count()).toBe(0);
    expect(await panel.evaluate(() => (window as unknown as { __pwned?: number }).__pwned)).toBeUndefined();
    await shot(panel, "09-html-as-text");
    await back();
  });

  it("queues a reply typed offline and sends it exactly once when the connection returns", async () => {
    await openFromList(MARCUS.name);
    await browser.context.setOffline(true);
    await panel.getByTestId("composer-input").fill("Yes, we ship to Canada — 5 to 7 business days.");
    await panel.getByTestId("send").click();
    await panel.getByTestId("pending-message").waitFor();
    await panel.getByTestId("connection").waitFor();
    await shot(panel, "10-offline-queued");
    await panel.waitForTimeout(1500);
    expect((await outbox(stack)).some((m) => m.body.includes("5 to 7 business days"))).toBe(false);
    await browser.context.setOffline(false);
    await until("queued reply delivered", async () => (await outbox(stack)).some((m) => m.body.includes("5 to 7 business days")), 30_000);
    await panel.getByTestId("msg-outbound").filter({ hasText: "5 to 7 business days" }).waitFor();
    await expect.poll(() => panel.getByTestId("pending-message").count()).toBe(0);
    await panel.waitForTimeout(3000);
    expect((await outbox(stack)).filter((m) => m.body.includes("5 to 7 business days"))).toHaveLength(1);
    await back();
  });

  it("follows the Shopify admin: an order page makes the panel show that customer's tickets", async () => {
    await browser.context.route("https://admin.shopify.com/**", (route) =>
      route.fulfill({
        contentType: "text/html",
        body: `<!doctype html><title>#1001 · Orders · Shopify</title><h1>Order #1001</h1><section><h2>Customer</h2><p>${JANE.name}</p><p>${JANE.email}</p><p>+1 555-123-0001</p></section>`,
      }),
    );
    const admin = await browser.context.newPage();
    await admin.goto("https://admin.shopify.com/store/demo/orders/1001");
    const card = panel.getByTestId("admin-context");
    await card.waitFor({ timeout: 15_000 });
    await card.getByTestId("context-ticket").filter({ hasText: JANE.name }).waitFor({ timeout: 15_000 });
    expect(await card.textContent()).toContain("#1001");
    await panel.bringToFront();
    await shot(panel, "11-admin-context");
    await card.getByTestId("context-ticket").first().click();
    await panel.getByTestId("ticket-name").filter({ hasText: JANE.name }).waitFor();
    await admin.close();
  });

  it("opens settings for owners", async () => {
    await panel.getByTestId("open-settings").click();
    await panel.getByTestId("settings-tab-sms").click();
    await panel.getByLabel("Sending number").waitFor();
    await shot(panel, "12-settings-sms");
    await panel.getByTestId("settings-tab-replies").click();
    await panel.getByTestId("new-quick-reply").click();
    await panel.getByLabel("Title").fill("Shipping times");
    await panel.getByLabel("Text").fill("Hi {{first_name}}, orders ship within 1 business day and arrive in 3 to 5 days.");
    await panel.getByTestId("save-quick-reply").click();
    await panel.getByTestId("quick-reply").filter({ hasText: "Shipping times" }).waitFor();
    expect(await panel.getByText("stored in", { exact: false }).count()).toBe(0);
    await shot(panel, "13-settings-quick-replies");
    // Kept by the worker for the whole inbox: a support agent reads it too.
    const seen = await stack.api("GET", "/api/quick-replies?q=ship", { token: stack.support.token, schema: QuickReplyList });
    expect(seen.body.quickReplies.map((r) => r.title)).toEqual(["Shipping times"]);
  });

  it("removes an agent from settings: their token stops working at once", async () => {
    const temp = await stack.api("POST", "/api/agents", {
      token: stack.owner.token,
      body: { name: "Tara Temp", email: "tara@e2e.example", role: "support" },
      schema: NewAgentResponse,
    });
    await panel.getByTestId("open-settings").click();
    await panel.getByTestId("settings-tab-agents").click();
    await panel.getByRole("button", { name: "Remove Tara Temp" }).click();
    await panel.getByTestId("confirm").click();
    await expect.poll(() => panel.getByRole("button", { name: "Remove Tara Temp" }).count()).toBe(0);
    await expect(stack.api("GET", "/api/me", { token: temp.body.token })).rejects.toThrow(/→ 401/);
  });

  it("validates the store's shop domain and says clearly when the inbound address belongs to another workspace", async () => {
    const other = await stack.api("POST", "/api/setup", {
      token: "dev-setup-token",
      body: { workspace: { name: "Other Shop" }, owner: { name: "Oscar", email: "oscar@other.example" } },
      schema: SetupResponse,
    });
    await stack.api("PUT", "/api/settings", { token: other.body.token, body: { email: { inboundAddress: "orders@other.example" } } });
    await panel.getByTestId("open-settings").click();
    await panel.getByTestId("settings-tab-store").click();
    expect(await panel.getByTestId("shop-domain").inputValue()).toBe("e2e-shop.myshopify.com");
    expect(await panel.getByTestId("shop-country").inputValue()).toBe("US");
    await panel.getByTestId("shop-domain").fill("www.northwind.example");
    await panel.getByRole("button", { name: "Save" }).click();
    await panel.getByTestId("shop-domain-error").waitFor();
    await panel.getByTestId("shop-domain").fill("e2e-shop");
    await panel.getByTestId("shop-country").selectOption("CA");
    await panel.getByRole("button", { name: "Save" }).click();
    await expect
      .poll(async () => (await stack.api("GET", "/api/settings", { token: stack.owner.token, schema: SettingsView })).body.shopify)
      .toMatchObject({ shopDomain: "e2e-shop.myshopify.com", countryCode: "CA" });
    await panel.getByTestId("settings-tab-workspace").click();
    await panel.getByTestId("inbound-address").fill("orders@other.example");
    await panel.getByRole("button", { name: "Save" }).click();
    await expect.poll(() => panel.getByTestId("inbound-error").textContent()).toContain("another Sidedesk workspace");
    await shot(panel, "16-settings-inbound-taken");
    expect((await stack.api("GET", "/api/settings", { token: stack.owner.token, schema: SettingsView })).body.email.inboundAddress).toBe(
      "support@inbox.northwind.example",
    );
    await panel.getByRole("button", { name: "Back to inbox" }).click();
  });

  it("inserts a quick reply from the composer, with the customer's first name", async () => {
    await view("all");
    await openFromList(MARCUS.name);
    await panel.getByTestId("quick-replies").click();
    await panel.getByTestId("quick-reply-search").fill("ship days");
    await panel.getByTestId("quick-reply-option").filter({ hasText: "Shipping times" }).click();
    await expect.poll(() => panel.getByTestId("composer-input").inputValue()).toBe("Hi Marcus, orders ship within 1 business day and arrive in 3 to 5 days.");
    await panel.getByTestId("composer-input").fill("");
    await back();
  });

  it("saves the current filters as a view, applies it from the navigation, and deletes it", async () => {
    await view("all");
    await panel.locator("#search").fill("Marcus");
    await expect.poll(() => panel.getByTestId("ticket-row").count()).toBe(1);
    await panel.getByTestId("open-nav").click();
    await panel.getByTestId("save-current-view").click();
    expect(await panel.getByTestId("save-view-form").textContent()).toContain("All · “Marcus”");
    await panel.getByLabel("View name").fill("Marcus threads");
    await panel.getByTestId("view-shared").check();
    await panel.getByTestId("save-view").click();
    await expect.poll(() => panel.getByTestId("view-title").textContent()).toContain("Marcus threads");
    const saved = await stack.api("GET", "/api/views", { token: stack.support.token, schema: SavedViewList });
    expect(saved.body.views).toMatchObject([{ name: "Marcus threads", shared: true, mine: false, filter: { view: "all", q: "Marcus" } }]);
    await view("all");
    await expect.poll(() => panel.getByTestId("ticket-row").count()).toBeGreaterThan(5);
    expect(await panel.locator("#search").inputValue()).toBe("");
    await panel.getByTestId("open-nav").click();
    await settled(panel);
    await shot(panel, "17-saved-views");
    await panel.getByTestId("saved-view").filter({ hasText: "Marcus threads" }).click();
    await expect.poll(() => panel.getByTestId("ticket-row").count()).toBe(1);
    await row(MARCUS.name).waitFor();
    expect(await panel.locator("#search").inputValue()).toBe("Marcus");
    await panel.getByTestId("open-nav").click();
    await panel.getByRole("button", { name: "Delete view Marcus threads" }).click();
    await panel.getByTestId("confirm").click();
    await expect.poll(() => panel.getByTestId("saved-view").count()).toBe(0);
    expect((await stack.api("GET", "/api/views", { token: stack.owner.token, schema: SavedViewList })).body.views).toEqual([]);
    await panel.getByTestId("nav-all").click();
  });

  it("shows the customer's order with line items; edits a quantity and cancels the order, each confirmed", async () => {
    await view("all");
    await openFromList(JANE.name);
    await panel.getByTestId("tab-customer").click();
    const card = panel.getByTestId("order").filter({ hasText: "#1001" });
    await card.waitFor();
    expect(await card.textContent()).toMatch(/Trail Jacket[\s\S]*Merino Socks/);
    const socks = card.locator("li").filter({ hasText: "Merino Socks" });
    expect(await socks.getByTestId("line-quantity").textContent()).toBe("× 2");
    await socks.getByRole("button", { name: "Edit quantity of Merino Socks" }).click();
    await socks.getByLabel("Quantity of Merino Socks").fill("3");
    await socks.getByRole("button", { name: "Save" }).click();
    await panel.getByRole("dialog").filter({ hasText: "2 → 3" }).waitFor();
    await panel.getByTestId("confirm").click();
    await expect.poll(() => socks.getByTestId("line-quantity").textContent(), { timeout: 10_000 }).toBe("× 3");
    await card.getByRole("button", { name: "Cancel order" }).click();
    await panel.getByLabel("Reason").selectOption("inventory");
    await panel.getByLabel("Restock the items").uncheck();
    await panel.getByTestId("confirm").click();
    await card.locator(".chip.danger", { hasText: "Cancelled" }).waitFor({ timeout: 10_000 });
    // a cancelled order no longer counts towards lifetime value or the order count
    await expect.poll(() => panel.getByTestId("stat-Lifetime value").locator(".v").textContent(), { timeout: 10_000 }).toBe("$0.00");
    expect(await panel.getByTestId("stat-Orders").locator(".v").textContent()).toBe("0");
    await settled(panel);
    await card.scrollIntoViewIfNeeded();
    await shot(panel, "14-orders");
    await panel.getByRole("tab", { name: "Conversation" }).click();
    await panel.getByTestId("msg-note").filter({ hasText: "Merino Socks" }).waitFor();
    await back();
  });

  it("shows an email with its subject, sanitized HTML in a sandboxed frame (no script, no remote image) and attachments; replies by email", async () => {
    await view("all");
    const tracker: string[] = [];
    await browser.context.route("https://tracker.example/**", (route) => {
      tracker.push(route.request().url());
      return route.fulfill({ status: 204 });
    });
    const subject = "Zipper broke on my Trail Jacket";
    await email(stack, {
      fromName: "Lena Fischer",
      from: "lena@example.com",
      subject,
      text: "Hi team, the zipper on my Trail Jacket broke after two days. Photo and receipt attached.",
      html:
        `<p>Hi team,</p><p>The zipper on my <b>Trail Jacket</b> broke after two days.</p><img src="https://tracker.example/open.gif?u=lena" alt="">` +
        `<script>parent.__emailPwned = 1; window.__emailPwned = 1</script><p onclick="parent.__emailPwned = 2">Photo and receipt attached.</p>` +
        `<div class="gmail_quote">On Mon, Northwind wrote:<blockquote class="gmail_quote">Your Trail Jacket has shipped.</blockquote></div>`,
      attachments: [
        { name: "zipper.png", type: "image/png", data: ZIPPER_PHOTO },
        { name: "receipt.pdf", type: "application/pdf", data: "%PDF-1.4 fake" },
      ],
    });
    await row("Lena Fischer").waitFor({ timeout: 15_000 });
    await openFromList("Lena Fischer");
    expect(await panel.getByTestId("email-subject").textContent()).toBe(subject);
    const frame = panel.getByTestId("email-frame");
    expect(await frame.getAttribute("sandbox")).toBe("allow-same-origin"); // measurable for fitting, but never scripted
    const srcdoc = (await frame.getAttribute("srcdoc")) ?? "";
    expect(srcdoc).toContain("<b>Trail Jacket</b>");
    // The quoted history is folded behind "Show quoted text" (a <details>, which needs no script in the frame).
    expect(srcdoc).toMatch(/<details class="sd-quoted"><summary>Show quoted text<\/summary><div data-quote="">On Mon, Northwind wrote:/);
    expect(srcdoc).not.toMatch(/<script|onclick|\ssrc=/i);
    await panel.frameLocator('[data-testid="email-frame"]').getByText("broke after two days").waitFor();
    await panel.getByTestId("remote-images-blocked").waitFor();
    const files = panel.getByTestId("message-files");
    // The photo shows as a thumbnail from a short-lived link, which serves the bytes the customer attached.
    const thumb = files.getByRole("img", { name: "zipper.png" });
    await thumb.waitFor();
    const shown = await fetch((await thumb.getAttribute("src")) ?? "");
    expect(Buffer.from(await shown.arrayBuffer()).equals(ZIPPER_PHOTO)).toBe(true);
    await expect.poll(() => thumb.evaluate((img: HTMLImageElement) => img.complete && img.naturalWidth)).toBe(1);
    expect(shown.headers.get("x-content-type-options")).toBe("nosniff");
    expect(await files.getByRole("button", { name: /receipt\.pdf/ }).textContent()).toContain("receipt.pdf");
    await panel.waitForTimeout(500);
    expect(tracker).toEqual([]);
    expect(await panel.evaluate(() => (window as unknown as { __emailPwned?: number }).__emailPwned)).toBeUndefined();
    await shot(panel, "15-email");
    await panel.getByTestId("composer-input").fill("Hi Lena, sorry about that! A replacement jacket ships today.");
    // The agent attaches the return label: it is uploaded at once and goes out as a MIME attachment with the reply.
    const label = Buffer.from("%PDF-1.4 return label for order 1042\r\n%%EOF\r\n");
    await panel.getByTestId("composer-file-input").setInputFiles({ name: "return label.pdf", mimeType: "application/pdf", buffer: label });
    await panel.getByTestId("composer-files").getByText("return label.pdf").waitFor();
    await shot(panel, "15b-composer-file");
    await panel.getByTestId("send").click();
    const sent = await until("email reply in the outbox", async () =>
      (await outbox(stack)).find((m) => m.channel === "email" && m.body.includes("replacement jacket")),
    );
    expect(sent.subject).toBe(`Re: ${subject}`);
    expect(sent.to).toContain("lena@example.com");
    const mime = await PostalMime.parse(sent.mime ?? "", { attachmentEncoding: "arraybuffer" });
    expect(mime.attachments.map((a) => [a.filename, a.mimeType])).toEqual([["return label.pdf", "application/pdf"]]);
    expect(Buffer.from(mime.attachments[0]!.content as ArrayBuffer).equals(label)).toBe(true);
    await panel
      .getByTestId("message-files")
      .last()
      .getByRole("button", { name: /return label\.pdf/ })
      .waitFor();
    await back();
  });

  it("lets the owner download the selected conversations with their whole threads", async () => {
    await view("all");
    await row("Lena Fischer").getByRole("checkbox").check();
    await panel.getByRole("button", { name: "More bulk actions" }).click();
    const [download] = await Promise.all([panel.waitForEvent("download"), panel.getByTestId("bulk-download").click()]);
    expect(download.suggestedFilename()).toMatch(/^sidedesk-export-\d{4}-\d{2}-\d{2}\.json$/);
    const file = parseExactly(TicketExport, JSON.parse(readFileSync((await download.path())!, "utf8")), "the downloaded export");
    expect(file.tickets).toHaveLength(1);
    expect(file.tickets[0]?.ticket.profile.name).toBe("Lena Fischer");
    expect(file.tickets[0]?.messages.map((m) => m.text).join("\n")).toContain("replacement jacket");
  });

  it("shows the owner reports: totals, volume per day, and tables by agent and by tag", async () => {
    const closed = await stack.api("POST", `/api/tickets/${ids[OTHERS[1]!.name]}/status`, { token: stack.owner.token, body: { status: "closed" } });
    expect(closed.status).toBe(200);
    await view("reports");
    await panel.getByTestId("reports").waitFor();
    const created = () => panel.getByTestId("report-created").locator(".v").textContent();
    await expect.poll(async () => Number(await created())).toBeGreaterThan(0);
    await panel.getByTestId("volume-chart").waitFor();
    await expect.poll(() => panel.getByTestId("report-agents").textContent()).toContain("Sam Support");
    expect(await panel.getByTestId("report-tags").textContent()).toContain("#shipping");
    await expect.poll(async () => Number(await panel.getByTestId("report-resolved").locator(".v").textContent())).toBeGreaterThan(0);
    await panel.getByTestId("range-7").click();
    await expect.poll(() => panel.getByTestId("range-7").getAttribute("aria-pressed")).toBe("true");
    await expect.poll(async () => Number(await created())).toBeGreaterThan(0);
    await settled(panel);
    await shot(panel, "18-reports");
    await panel.getByRole("button", { name: "Back to inbox" }).click();
    await panel.getByTestId("ticket-list").waitFor();
  });

  it("lets an analyst sign in to a reports-only panel", async () => {
    const added = await stack.api("POST", "/api/agents", {
      token: stack.owner.token,
      body: { name: "Ana Analyst", email: "ana@northwind.example", role: "analyst" },
      schema: NewAgentResponse,
    });
    expect(added.status).toBe(201);
    await panel.getByTestId("open-settings").click();
    await panel.getByTestId("sign-out").click();
    await panel.getByLabel("Worker URL").fill(stack.base);
    await panel.getByLabel("Agent token").fill(added.body.token);
    await panel.getByRole("button", { name: "Sign in" }).click();
    await panel.getByTestId("reports").waitFor();
    await expect.poll(() => panel.getByTestId("range-30").getAttribute("aria-pressed")).toBe("true"); // nothing kept from the last agent
    await expect.poll(async () => Number(await panel.getByTestId("report-created").locator(".v").textContent())).toBeGreaterThan(0);
    expect(await panel.getByTestId("open-nav").count()).toBe(0);
    expect(await panel.getByRole("button", { name: "Back to inbox" }).count()).toBe(0);
    await panel.mouse.move(0, 0); // no day left hovered in the chart
    await shot(panel, "19-analyst-reports");
    await panel.getByTestId("sign-out").click();
    await panel.getByLabel("Agent token").waitFor();
  });
});

/** A 1×1 PNG: the customer's photo in the email test. */
const ZIPPER_PHOTO = Buffer.from("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8DwHwAFBQIAX8jx0gAAAABJRU5ErkJggg==", "base64");
