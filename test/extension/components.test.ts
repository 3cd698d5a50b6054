// Components: the SMS segment counter and the composer's consent gate / quiet-hours / offline notices.
import { flushSync } from "svelte";
import { describe, expect, it, vi } from "vitest";
import { render } from "./render";
import Composer from "../../extension/components/Composer.svelte";
import ComposerNotices from "../../extension/components/ComposerNotices.svelte";
import QuickRepliesSettings from "../../extension/components/QuickRepliesSettings.svelte";
import SegmentCounter from "../../extension/components/SegmentCounter.svelte";
import { quickReplies, session } from "../../extension/state/root.svelte";
import { base } from "./fixtures";

describe("SegmentCounter", () => {
  it.each([
    ["", "0/160 · 0 SMS", "0"],
    ["Hello Jane", "10/160 · 1 SMS", "1"],
    ["x".repeat(160), "160/160 · 1 SMS", "1"],
    ["x".repeat(161), "161/306 · 2 SMS", "2"],
    ["Thanks 🙌", "9/70 · 1 SMS · Unicode", "1"],
    ["€".repeat(80), "160/160 · 1 SMS", "1"],
  ])("%j → %s", (text, label, segments) => {
    const el = render(SegmentCounter, { text }).querySelector("[data-testid=segment-counter]")!;
    expect(el.textContent!.replace(/\s+/g, " ").trim()).toBe(label);
    expect(el.getAttribute("data-segments")).toBe(segments);
  });
});

describe("ComposerNotices", () => {
  it("gates replies without consent, with the worker's reason and a way to write a note", () => {
    const onnote = vi.fn();
    const el = render(ComposerNotices, { ticket: base, mode: "reply", onnote });
    const gate = el.querySelector("[data-testid=consent-gate]")!;
    expect(gate.textContent).toContain("has not consented to receive SMS");
    (gate.querySelector("button") as HTMLButtonElement).click();
    expect(onnote).toHaveBeenCalledOnce();
  });

  it("does not gate internal notes", () => {
    expect(render(ComposerNotices, { ticket: base, mode: "note", onnote: () => {} }).querySelector("[data-testid=consent-gate]")).toBeNull();
  });

  it("warns in quiet hours with the customer's local time", () => {
    const t = {
      ...base,
      canReply: true,
      replyBlockedReason: null,
      smsConsent: "marketing" as const,
      quietHours: { timezone: "America/Los_Angeles", localTime: "22:14", inQuietHours: true },
    };
    const el = render(ComposerNotices, { ticket: t, mode: "reply", onnote: () => {} });
    expect(el.querySelector("[data-testid=consent-gate]")).toBeNull();
    expect(el.querySelector("[data-testid=quiet-hours]")!.textContent).toMatch(/22:14.*America\/Los Angeles/);
  });

  it("says when the web-chat customer has left, and whether a follow-up email will reach them", () => {
    const t = { ...base, channel: "webchat" as const, canReply: true, replyBlockedReason: null, customerOnline: false, followUpEmail: true };
    const banner = render(ComposerNotices, { ticket: t, mode: "reply", onnote: () => {} }).querySelector("[data-testid=customer-offline]")!;
    expect(banner.textContent).toMatch(/left the chat[\s\S]*follow-up email/);
    const noMail = render(ComposerNotices, { ticket: { ...t, followUpEmail: false }, mode: "reply", onnote: () => {} }).querySelector(
      "[data-testid=customer-offline]",
    )!;
    expect(noMail.textContent).toMatch(/see your reply only if they come back/);
    // Once a reply went unread, the follow-up is pending: the banner says when it goes, not that it "will be sent".
    const pending = render(ComposerNotices, { ticket: { ...t, followUpAt: "2026-12-02T15:03:00Z" }, mode: "reply", onnote: () => {} }).querySelector(
      "[data-testid=customer-offline]",
    )!;
    expect(pending.textContent).toMatch(/follow-up email with your replies goes to them at \d{1,2}:\d{2}/);
  });
});

describe("Composer reply length", () => {
  const consented = { ...base, canReply: true, replyBlockedReason: null, smsConsent: "marketing" as const };
  function type(el: HTMLElement, text: string) {
    const area = el.querySelector("[data-testid=composer-input]") as HTMLTextAreaElement;
    area.value = text;
    area.dispatchEvent(new Event("input", { bubbles: true }));
    flushSync();
  }
  const send = (el: HTMLElement) => el.querySelector("[data-testid=send]") as HTMLButtonElement;

  it("shows how much of Twilio's 1,600 characters a long SMS uses, and refuses to send one over it, saying why", () => {
    const el = render(Composer, { ticket: consented });
    type(el, "x".repeat(900));
    expect(el.querySelector("[data-testid=length-limit]")).toBeNull();
    type(el, "x".repeat(1200));
    expect(el.querySelector("[data-testid=length-limit]")!.textContent!.trim()).toBe("1,200/1,600");
    expect(send(el).disabled).toBe(false);
    type(el, "x".repeat(1601));
    expect(el.querySelector("[data-testid=too-long]")!.textContent).toBe("SMS replies can be at most 1,600 characters; this one has 1,601.");
    expect(send(el).disabled).toBe(true);
  });

  it("lets an email reply run to 5,000 characters", () => {
    const el = render(Composer, { ticket: { ...consented, channel: "email" as const } });
    type(el, "x".repeat(1601));
    expect(el.querySelector("[data-testid=too-long]")).toBeNull();
    expect(send(el).disabled).toBe(false);
    type(el, "x".repeat(5001));
    expect(el.querySelector("[data-testid=too-long]")!.textContent).toContain("at most 5,000 characters");
  });
});

describe("QuickRepliesSettings", () => {
  const me = (role: "owner" | "support") => ({
    agent: {
      id: "ag_1",
      workspaceId: "ws_1",
      name: "Nadia",
      email: "n@x.test",
      role,
      operator: false,
      language: null,
      followedTags: [],
      notifyFollowed: false,
      createdAt: "2026-01-01T00:00:00.000Z",
    },
    workspace: { id: "ws_1", name: "Northwind", timezone: "UTC", createdAt: "2026-01-01T00:00:00.000Z" },
  });
  const replies = [{ id: "qr_1", title: "Returns", text: "Returns are free.", createdAt: base.createdAt, updatedAt: base.createdAt }];

  it("lets owners and admins add, edit and delete, without the old browser-storage wording", () => {
    session.me = me("owner");
    quickReplies.items = replies;
    const el = render(QuickRepliesSettings, {});
    expect(el.querySelector("[data-testid=new-quick-reply]")).not.toBeNull();
    expect(el.querySelector('[aria-label="Edit Returns"]')).not.toBeNull();
    expect(el.querySelector('[aria-label="Delete Returns"]')).not.toBeNull();
    expect(el.textContent).not.toMatch(/stored in|Chrome profile|this browser/i);
  });

  it("shows them read-only to other agents, saying who can change them", () => {
    session.me = me("support");
    quickReplies.items = replies;
    const el = render(QuickRepliesSettings, {});
    expect(el.querySelector("[data-testid=quick-reply]")!.textContent).toContain("Returns are free.");
    expect(el.querySelector("[data-testid=new-quick-reply]")).toBeNull();
    expect(el.querySelector('[aria-label="Delete Returns"]')).toBeNull();
    expect(el.querySelector("[data-testid=quick-replies-readonly]")!.textContent).toMatch(/Only owners and admins/);
  });
});

describe("SettingsSms keywords", () => {
  it("saves the workspace's own opt-in words and HELP reply (empty: the standard reply)", async () => {
    const { Settings } = await import("../../shared/schemas/settings");
    const { settings } = await import("../../extension/state/root.svelte");
    const SettingsSms = (await import("../../extension/components/SettingsSms.svelte")).default;
    const base = Settings.parse({});
    const view = {
      ...base,
      sms: { ...base.sms, keywords: { optIn: ["VIP"], helpReply: null }, accountSid: { set: false }, authToken: { set: true } },
      shopify: { ...base.shopify, adminToken: { set: false }, webhookSecret: { set: false } },
      events: { signingSecret: { set: false } },
    };
    const save = vi.spyOn(settings, "save").mockResolvedValue();
    const el = render(SettingsSms, { s: view });
    const optIn = el.querySelector<HTMLInputElement>('[data-testid="keywords-opt-in"]')!;
    expect(optIn.value).toBe("VIP");
    optIn.value = "vip, Deals";
    optIn.dispatchEvent(new Event("input"));
    const help = el.querySelector<HTMLTextAreaElement>('[data-testid="keywords-help"]')!;
    expect(help.placeholder).toMatch(/standard reply/);
    help.value = "  Text us, or write to {{email}}. Reply STOP to opt out.  ";
    help.dispatchEvent(new Event("input"));
    flushSync();
    el.querySelector("form")!.requestSubmit();
    await vi.waitFor(() => expect(save).toHaveBeenCalled());
    expect(save.mock.calls[0]![0].sms?.keywords).toEqual({ optIn: ["vip", "Deals"], helpReply: "Text us, or write to {{email}}. Reply STOP to opt out." });
    save.mockRestore();
  });
});
