// The toolbar badge and desktop notifications, driven by the background (works while the panel is closed).
import { browser } from "wxt/browser";

export async function setBadge(count: number | null): Promise<void> {
  const text = count && count > 0 ? (count > 99 ? "99+" : String(count)) : "";
  await browser.action.setBadgeText({ text });
  if (text) await browser.action.setBadgeBackgroundColor({ color: "#2457d6" });
}

export async function notify(id: string, title: string, message: string): Promise<void> {
  await browser.notifications.create(id, { type: "basic", iconUrl: browser.runtime.getURL("/icon/128.png"), title, message, priority: 1 });
}
