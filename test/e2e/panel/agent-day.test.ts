// An agent working a queue in the side panel, keyboard first: shortcuts act once, Esc closes the innermost thing,
// close and snooze move on with Undo, rows show what the customer asked, menus fit at 320 px, search reads phones as
// typed, HTML email fits the panel, and signing out leaves nothing behind. Runs at 10:30 in the workspace's zone.

import path from "node:path";
import type { Page } from "playwright-core";
import { afterAll, beforeAll, beforeEach, describe, expect, it } from "vitest";
import itCatalogue from "../../../shared/i18n/it/index";
import ko from "../../../shared/i18n/ko/index";
import ptBR from "../../../shared/i18n/pt-BR/index";
import { Me, NewAgentResponse, TicketDetailResponse } from "../../../shared/schemas";
import { dayAt, installBrowserClock, setTime } from "../clock";
import { email, order } from "./fixtures";
import { type Browser, customer, launchExtension, SHOTS, type Stack, shot, sms, startStack, until } from "./harness";

const PORT = 8796;
const TZ = "America/New_York";
const WORK_HOURS = dayAt("10:30", TZ);
let stack: Stack;
let browser: Browser;
let panel: Page;
const ids: Record<string, string> = {};
const socketUrls: string[] = [];
/** Texts the panel asked the catalogue for and did not find (lib/i18n.svelte.ts logs each). */
const missing: string[] = [];
const CATALOGUES = { ko, "pt-BR": ptBR, it: itCatalogue };

const AUTO_REPLY = "Thanks for writing to Northwind! We answer within the hour.";
const PEOPLE = [
  { name: "Ada Byron", phone: "+12025550101", email: "ada@example.com", consent: true, text: "Where is my order #2001?" },
  { name: "Ben Okafor", phone: "+12025550102", email: "ben@example.com", consent: true, text: "Can I swap the blue mug for a green one?" },
  { name: "Cleo Ruiz", phone: "+12025550103", email: "cleo@example.com", consent: true, text: "Do you gift wrap?" },
  { name: "Dev Patel", phone: "+12025550104", email: "dev@example.com", consent: true, text: "Is the sale on all week?" },
];

const row = (name: string) => panel.getByTestId("ticket-row").filter({ hasText: name });
const focusedTag = () => panel.evaluate(() => document.activeElement?.tagName ?? "");
const onTicket = (name: string) => panel.getByTestId("ticket-name").filter({ hasText: name }).waitFor();
async function view(v: string) {
  await panel.getByTestId("open-nav").click();
  await panel.getByTestId(`nav-${v}`).click();
  await panel.getByTestId("ticket-list").waitFor();
}
async function signIn(token: string) {
  await panel.getByLabel("Worker URL").fill(stack.base);
  await panel.getByLabel("Agent token").fill(token);
  await panel.getByRole("button", { name: "Sign in" }).click();
}
const statusOf = async (id: string) => (await stack.api("GET", `/api/tickets/${id}`, { token: stack.owner.token, schema: TicketDetailResponse })).body.ticket;

beforeAll(async () => {
  [stack, browser] = await Promise.all([startStack(PORT), launchExtension()]);
  await setTime(stack.base, WORK_HOURS);
  await stack.api("PUT", "/api/settings", { token: stack.owner.token, body: { sms: { autoResponder: { audience: "all", text: AUTO_REPLY } } } });
  for (const p of PEOPLE) ids[p.name] = await customer(stack, p);
  await installBrowserClock(browser.context, WORK_HOURS);
  panel = await browser.panel();
  panel.on("websocket", (ws) => socketUrls.push(ws.url()));
  panel.on("console", (m) => {
    if (m.text().startsWith("missing i18n key")) missing.push(m.text());
  });
  await signIn(stack.owner.token);
  await panel.getByTestId("ticket-list").waitFor();
}, 240_000);

beforeEach(async () => {
  await panel.setViewportSize({ width: 420, height: 760 });
  await setTime(stack.base, WORK_HOURS, browser.context);
  await panel.goto(`chrome-extension://${browser.extensionId}/sidepanel.html`);
  await panel.getByTestId("ticket-list").or(panel.getByLabel("Agent token")).first().waitFor();
});

afterAll(async () => {
  await browser?.close();
  await stack?.stop();
});

describe("an agent's day in the side panel", () => {
  it("rows show the customer's question and how long they wait; automatic replies are labelled in the thread", async () => {
    await view("unassigned");
    const ada = row("Ada Byron");
    await ada.waitFor();
    expect(await ada.textContent()).toContain("Where is my order #2001?");
    expect(await ada.textContent()).not.toContain("Thanks for writing");
    expect(await ada.getByTestId("waiting").textContent()).toMatch(/^Waiting \d+m$/);
    await ada.click();
    const auto = panel.locator('[data-source="auto_responder"]');
    await auto.waitFor();
    expect(await auto.getByTestId("bot-label").textContent()).toBe("Auto-reply");
    expect(await auto.evaluate((el) => getComputedStyle(el).borderTopStyle)).toBe("dashed"); // set apart from agents' replies
    await shot(panel, "30-row-preview-thread");
    // A message arrives live over the socket, and the agent's token was in no URL (it travels as a subprotocol).
    await sms(stack, PEOPLE[0]!.phone, "Also, can it go to my office instead?");
    await panel.getByTestId("msg-inbound").filter({ hasText: "my office instead" }).waitFor();
    expect(socketUrls.length).toBeGreaterThan(0);
    expect(socketUrls.filter((u) => u.includes(stack.owner.token) || u.includes("token="))).toEqual([]);
  });

  it("a shortcut acts once, on the ticket it was pressed on; Esc closes the innermost menu first", async () => {
    await view("unassigned");
    await row("Ada Byron").waitFor();
    await panel.keyboard.press("Enter"); // the first row
    const first = (await panel.getByTestId("ticket-name").textContent()) ?? "";
    await panel.keyboard.press("n");
    await expect.poll(focusedTag).toBe("TEXTAREA");
    expect(await panel.getByTestId("mode-note").getAttribute("aria-selected")).toBe("true");
    await panel.keyboard.press("Escape"); // leaves the composer
    await panel.keyboard.press("Escape"); // back to the list
    await panel.getByTestId("ticket-list").waitFor();
    await panel.keyboard.press("j");
    await panel.keyboard.press("Enter");
    await expect.poll(async () => (await panel.getByTestId("ticket-name").textContent()) !== first).toBe(true);
    expect(await panel.getByTestId("mode-reply").getAttribute("aria-selected")).toBe("true");
    expect(await focusedTag()).not.toBe("TEXTAREA"); // j/k/e typed now would not land in a note

    await panel.keyboard.press("s");
    const menu = panel.getByRole("menu");
    await menu.waitFor();
    await panel.keyboard.press("Escape");
    await expect.poll(() => menu.count()).toBe(0);
    expect(await panel.getByTestId("ticket-name").count()).toBe(1); // still on the ticket
    await panel.keyboard.press("Escape");
    await panel.getByTestId("ticket-list").waitFor();
    await panel.keyboard.press("Enter");
    await panel.getByTestId("ticket-name").waitFor();
    await panel.waitForTimeout(300);
    expect(await menu.count()).toBe(0); // no snooze menu carried over
  });

  it("keeps menus inside the panel at 320 px", async () => {
    await panel.setViewportSize({ width: 320, height: 640 });
    await view("all");
    await row("Cleo Ruiz").click();
    for (const button of ["quick-replies", "snooze", "assign", "more"]) {
      await panel.getByTestId(button).first().click();
      const box = await panel.getByRole("menu").boundingBox();
      expect(box, button).not.toBeNull();
      expect(box!.x, button).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width, button).toBeLessThanOrEqual(320);
      expect(box!.y, button).toBeGreaterThanOrEqual(0);
      if (button === "quick-replies") await shot(panel, "31-quick-replies-320");
      await panel.keyboard.press("Escape");
    }
  });

  it("closing moves on to the next ticket with Undo; a reply to an unassigned ticket offers to take it", async () => {
    await view("unassigned");
    const names = await panel.getByTestId("ticket-row").locator(".name").allTextContents();
    expect(names.length).toBeGreaterThanOrEqual(3);
    await row(names[0]!).click();
    await onTicket(names[0]!);
    await panel.getByTestId("close-ticket").click();
    await onTicket(names[1]!); // the next one, not the list
    const toast = panel.locator(".toast");
    expect(await toast.textContent()).toMatch(/Closed #\d+/);
    expect(await panel.locator(".toast").count()).toBe(1);
    await panel.getByTestId("toast-action").click(); // Undo
    await onTicket(names[0]!);
    await expect.poll(async () => (await statusOf(ids[names[0]!]!)).status).toBe("open");

    await panel.getByTestId("composer-input").fill("Hi! Checking on this for you now.");
    await panel.getByTestId("send").click();
    await expect.poll(() => panel.getByTestId("toast-action").textContent()).toBe("Assign to me");
    await panel.screenshot({ path: path.join(SHOTS, "32-assign-offer.png") }); // with the notice (shot() dismisses it)
    await panel.getByTestId("toast-action").click();
    await expect.poll(async () => (await statusOf(ids[names[0]!]!)).assigneeId).toBe(stack.owner.id);
    // Notices sit above the composer: Send is never under one.
    await panel.getByTestId("composer-input").fill("One more thing.");
    const notice = panel.locator(".toast");
    await notice.waitFor();
    const composer = await panel.getByTestId("composer").boundingBox();
    const box = await notice.boundingBox();
    expect(box!.y + box!.height).toBeLessThanOrEqual(composer!.y);
  });

  it("finds a phone number as people type it and says where the search runs", async () => {
    await view("unassigned");
    await panel.keyboard.press("/");
    await panel.keyboard.type("(202) 555-0103");
    await expect.poll(() => panel.getByTestId("ticket-row").allTextContents()).toEqual([expect.stringContaining("Cleo Ruiz")]);
    expect(await panel.getByTestId("search-scope").textContent()).toContain("Searching in Unassigned");
    await panel.getByTestId("search-everywhere").click();
    await expect.poll(() => panel.getByTestId("view-title").textContent()).toContain("All");
    expect(await panel.getByTestId("search-scope").textContent()).toContain("Searching all conversations");
    await panel.getByLabel("Search conversations").fill("555-0102");
    await expect.poll(() => panel.getByTestId("ticket-row").allTextContents()).toEqual([expect.stringContaining("Ben Okafor")]);
    await panel.getByLabel("Search conversations").fill("nothing-like-this");
    await panel.getByText("No results").waitFor();
    await shot(panel, "33-search-scope");
  });

  it("fits a newsletter-width HTML email to the panel", async () => {
    await email(stack, {
      fromName: "Fay Wong",
      from: "fay@example.com",
      subject: "Question about the Winter catalogue",
      text: "Is the wool coat on page 4 available in grey?",
      html: `<table width="640" style="width:640px"><tr><td><p>Is the <b>wool coat</b> on page 4 available in grey?</p><img width="640" height="200" alt="banner"></td></tr></table>`,
      attachments: [],
    });
    await view("all");
    await until("the email ticket", async () => (await row("Fay Wong").count()) > 0);
    await row("Fay Wong").click();
    const frame = panel.getByTestId("email-frame");
    await panel.frameLocator('[data-testid="email-frame"]').getByText("wool coat").waitFor();
    await expect
      .poll(() =>
        frame.evaluate((f: HTMLIFrameElement) => {
          const d = f.contentDocument!;
          return d.documentElement.scrollWidth * Number(d.body.style.zoom || 1) <= f.clientWidth + 1;
        }),
      )
      .toBe(true);
    expect(await panel.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(420);
    await shot(panel, "34-email-fits");
  });

  it("offers only the order actions Shopify would accept, and says why the others are not offered", async () => {
    const ada = PEOPLE[0]!;
    const lines: [string, string | null, number, string][] = [["Wool Coat", "S / Grey", 1, "240.00"]];
    await order(stack, { number: 3001, email: ada.email, phone: ada.phone, first: "Ada", last: "Byron", lines, fulfilled: true, daysAgo: 120 });
    await order(stack, { number: 3002, email: ada.email, phone: ada.phone, first: "Ada", last: "Byron", lines });
    await view("all");
    await row("Ada Byron").click();
    await panel.getByTestId("tab-customer").click();
    // Where Ada is and her local time, from her number's area code (202: Washington, D.C.), as the panel's clock reads it.
    await expect.poll(() => panel.getByTestId("customer-place").textContent()).toMatch(/United States\s*· 10:3\d\s*AM local time/);
    const shipped = panel.locator('[data-order-name="#3001"]');
    const open = panel.locator('[data-order-name="#3002"]');
    await shipped.waitFor();
    await open.waitFor();
    expect(await shipped.getByRole("button", { name: "Cancel order" }).count()).toBe(0);
    expect(await shipped.getByRole("button", { name: /Edit quantity/ }).count()).toBe(0);
    expect(await shipped.getByTestId("order-unavailable").allTextContents()).toEqual([
      "Everything on #3001 has shipped.",
      "Items of #3001 have shipped: cancel the fulfilments in Shopify first.",
    ]);
    expect(await open.getByRole("button", { name: "Cancel order" }).count()).toBe(1);
    expect(await open.getByRole("button", { name: /Edit quantity/ }).count()).toBe(1);
    await shipped.scrollIntoViewIfNeeded();
    await shot(panel, "35-order-actions-by-state");
  });

  it.each(["ko", "pt-BR", "it"] as const)("shows every screen in %s, the agent's own language, with no text missing", async (locale) => {
    const texts = CATALOGUES[locale];
    missing.length = 0;
    await panel.getByTestId("open-settings").click();
    await panel.getByTestId("language").selectOption(locale);
    await expect.poll(() => panel.evaluate(() => document.documentElement.lang)).toBe(locale);
    await panel.keyboard.press("Escape");
    await view("all");
    await expect.poll(() => panel.getByTestId("view-title").textContent()).toContain(texts.inbox.views.all);
    const screens: [string, () => Promise<unknown>][] = [
      ["inbox", async () => undefined],
      ["ticket", () => row("Cleo Ruiz").click()],
      ["customer", () => panel.getByTestId("tab-customer").click()],
      [
        "reports",
        async () => {
          await panel.keyboard.press("Escape");
          await panel.getByTestId("open-nav").click();
          await panel.getByTestId("nav-reports").click();
          await panel.getByTestId("reports").waitFor();
        },
      ],
      [
        "settings",
        async () => {
          await panel.keyboard.press("Escape");
          await panel.getByTestId("open-settings").click();
          await panel.getByTestId("settings-tab-workspace").click();
        },
      ],
    ];
    for (const [name, go] of screens) {
      await go();
      await panel.waitForTimeout(150); // let the part's texts and data settle before looking
      expect(await panel.evaluate(() => document.documentElement.scrollWidth), `${locale} ${name} fits 420 px`).toBeLessThanOrEqual(420);
      await shot(panel, `4x-${locale}-${name}`);
    }
    // The options page speaks it too.
    const options = await browser.context.newPage();
    options.on("console", (m) => {
      if (m.text().startsWith("missing i18n key")) missing.push(m.text());
    });
    await options.goto(`chrome-extension://${browser.extensionId}/options.html`);
    await options.getByText(texts.signin.openPanel).waitFor();
    expect(await options.evaluate(() => document.documentElement.lang)).toBe(locale);
    await options.close();
    expect(missing, `${locale}: texts missing from the catalogue`).toEqual([]);
    // The agent's choice is kept by the worker: a fresh panel opens in it.
    const me = await stack.api("GET", "/api/me", { token: stack.owner.token, schema: Me });
    expect(me.body.agent.language).toBe(locale);
    await panel.getByTestId("settings-tab-you").click();
    await panel.getByTestId("language").selectOption(""); // back to the browser's (English)
    await expect.poll(() => panel.evaluate(() => document.documentElement.lang)).toBe("en");
  });

  it("signing out and in as another agent starts a fresh panel", async () => {
    const added = await stack.api("POST", "/api/agents", {
      token: stack.owner.token,
      body: { name: "Sol Support", email: "sol@northwind.example", role: "support" },
      schema: NewAgentResponse,
    });
    await view("all");
    await panel.getByLabel("Search conversations").fill("Ada");
    await panel.getByTestId("open-settings").click();
    await panel.getByTestId("sign-out").click();
    await signIn(added.body.token);
    await panel.getByTestId("ticket-list").waitFor();
    expect(await panel.getByTestId("view-title").textContent()).toContain("My inbox");
    expect(await panel.getByLabel("Search conversations").inputValue()).toBe("");
    await panel.getByTestId("open-settings").click();
    await panel.getByTestId("sign-out").click();
    await signIn(stack.owner.token);
    await panel.getByTestId("ticket-list").waitFor();
  });
});
