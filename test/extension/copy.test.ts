// What the panel says must be true: the closed banner per channel, no promise of @mentions, empty lists that say why
// they are empty (and nothing before the first load), and the snooze menu naming the workspace's zone when it differs.
import { flushSync } from "svelte";
import { describe, expect, it } from "vitest";
import { render } from "./render";
import Composer from "../../extension/components/Composer.svelte";
import SnoozeMenu from "../../extension/components/SnoozeMenu.svelte";
import TicketHeader from "../../extension/components/TicketHeader.svelte";
import TicketList from "../../extension/components/TicketList.svelte";
import type { Me, TicketView } from "../../extension/lib/schemas";
import { inbox, session } from "../../extension/state/root.svelte";
import { base } from "./fixtures";

const closed: TicketView = {
  ...base,
  status: "closed",
  profile: { ...base.profile, email: "priya@example.com" },
  smsConsent: "marketing",
  canReply: true,
  replyBlockedReason: null,
};

describe("what the panel promises", () => {
  it.each([
    ["sms", /next text reopens it/],
    ["email", /reply on this email thread reopens it/],
    ["webchat", /next message starts a new conversation/],
  ] as const)("a closed %s ticket says what a customer message does", (channel, says) => {
    const text = render(TicketHeader, { t: { ...closed, channel } }).querySelector("[data-testid=closed-state]")!.textContent!;
    expect(text).toMatch(says);
    if (channel === "webchat") expect(text).not.toMatch(/reopens/);
  });

  it("the note composer promises no @mentions", () => {
    const el = render(Composer, { ticket: { ...closed, status: "open" } });
    (el.querySelector("[data-testid=mode-note]") as HTMLButtonElement).click();
    flushSync();
    const placeholder = el.querySelector("textarea")!.getAttribute("placeholder")!;
    expect(placeholder).toMatch(/only your team sees it/);
    expect(placeholder).not.toMatch(/@/);
  });

  it("an empty list says why, and shows nothing of the kind before the first page arrives", () => {
    inbox.loading = true;
    inbox.tickets = [];
    const el = render(TicketList, {});
    expect(el.textContent).not.toMatch(/caught up|No results|favorites/i);
    inbox.filter = { view: "favorites" };
    inbox.loading = false;
    flushSync();
    expect(el.textContent).toMatch(/No favorites yet/);
    inbox.filter = { view: "mine", q: "zeppelin" };
    flushSync();
    expect(el.textContent).toMatch(/No results/);
    expect(el.textContent).toMatch(/zeppelin/);
    inbox.filter = { view: "mine" };
    flushSync();
    expect(el.textContent).toMatch(/All caught up/);
  });

  it("the snooze menu shows the workspace's clock, naming its zone when the browser's differs", () => {
    const browserZone = Intl.DateTimeFormat().resolvedOptions().timeZone;
    const zone = browserZone === "Asia/Kathmandu" ? "America/St_Johns" : "Asia/Kathmandu"; // +05:45 / −03:30: never the browser's
    session.me = {
      agent: {
        id: "ag_1",
        workspaceId: "ws_1",
        name: "Nadia",
        email: "n@x.test",
        role: "owner",
        operator: false,
        language: null,
        followedTags: [],
        notifyFollowed: false,
        createdAt: closed.createdAt,
      },
      workspace: { id: "ws_1", name: "Northwind", timezone: zone, createdAt: closed.createdAt },
    } satisfies Me;
    const el = render(SnoozeMenu, { ticketId: "t1", onsnooze: () => {} });
    (el.querySelector("[data-testid=snooze]") as HTMLButtonElement).click();
    flushSync();
    const tomorrow = el.querySelector("[data-testid=snooze-tomorrow]")!.textContent!;
    const shortName = new Intl.DateTimeFormat("en", { timeZone: zone, timeZoneName: "short" })
      .formatToParts(new Date())
      .find((p) => p.type === "timeZoneName")!.value;
    expect(tomorrow).toMatch(/9:00/);
    expect(tomorrow).toContain(shortName);
  });
});
