// Background: opens the side panel from the toolbar, keeps the unread badge fresh (socket + alarm polling),
// desktop notifications, flushes the offline outbox, and tracks which admin page each tab shows.
import { browser } from "wxt/browser";
import { defineBackground } from "wxt/utils/define-background";
import { INBOX_ROLES } from "../../shared/schemas";
import { Api } from "../lib/api";
import { getSettings } from "../lib/settings-api";
import { notify, setBadge } from "../lib/badge";
import { onMessage } from "../lib/messaging";
import { Outbox, postQueued } from "../lib/outbox";
import { RealtimeSocket } from "../lib/realtime";
import { coalesce } from "../lib/coalesce";
import { adminContextItem, lastUnreadItem, outboxItem, readCredentials, readOutbox, readPrefs, tabContextsItem } from "../lib/storage";

export default defineBackground(() => {
  void browser.sidePanel.setPanelBehavior({ openPanelOnActionClick: true }).catch(() => undefined);
  let socket: RealtimeSocket | null = null;
  let api: Api | null = null;
  let workspaceBadge = true;
  let settingsCheckedAt = 0;

  async function connect(): Promise<void> {
    const creds = await readCredentials();
    if (!creds) {
      socket?.stop();
      socket = null;
      api = null;
      await setBadge(null);
      return;
    }
    if (api && api.baseUrl === creds.baseUrl && api.token === creds.token && socket) return;
    socket?.stop();
    const current = new Api(creds.baseUrl, creds.token);
    // A reports-only agent (analyst) has no inbox: no socket, no badge. Offline here: assume an inbox agent and retry later.
    const role = await current.me().then(
      (m) => m.agent.role,
      () => null,
    );
    if (role && !INBOX_ROLES.includes(role)) {
      socket = null;
      api = null;
      await setBadge(null);
      return;
    }
    api = current;
    socket = new RealtimeSocket({
      url: () => current.realtimeUrl(),
      protocols: () => current.realtimeProtocols(),
      onConnected: () => {
        void refreshBadge();
        void flushOutbox();
      },
      onEvent: (e) => {
        if (e.type === "counts.changed") badgeSoon();
        if (e.type === "message.created" && e.message.kind === "inbound") void notifyMessage(e.ticketId, e.message.author.name, e.message.text);
      },
    });
    socket.start();
  }

  async function refreshBadge(): Promise<void> {
    if (!api) return;
    const prefs = await readPrefs();
    try {
      // The workspace switch is readable by owners/admins only; everyone else keeps the last known value.
      if (Date.now() - settingsCheckedAt > 5 * 60_000) {
        settingsCheckedAt = Date.now();
        workspaceBadge = await getSettings(api).then(
          (s) => s.unreadBadge,
          () => workspaceBadge,
        );
      }
      const counts = await api.counts();
      await showUnread(counts.views.unread, prefs.badge && workspaceBadge);
    } catch {
      /* offline: keep the last badge */
    }
  }

  // A busy workspace changes counts many times a second: at most one badge refresh a second, never two at once.
  const badgeSoon = coalesce(refreshBadge, 1000);

  async function showUnread(unread: number, enabled: boolean): Promise<void> {
    await setBadge(enabled ? unread : null);
    const before = await lastUnreadItem.getValue();
    await lastUnreadItem.setValue(unread);
    // Without a socket (service worker woke from the alarm), an increase is the sign of new customer messages.
    if (unread > before && socket?.status !== "live" && (await readPrefs()).notifications) {
      await notify("sidedesk-unread", "Sidedesk", `${unread} conversation${unread === 1 ? "" : "s"} waiting for you`);
    }
  }

  async function notifyMessage(ticketId: string, name: string | null, text: string): Promise<void> {
    if (!(await readPrefs()).notifications) return;
    await notify(`ticket-${ticketId}`, name ?? "New message", text.slice(0, 180)).catch(() => undefined);
  }

  const outbox = new Outbox({ read: readOutbox, write: (items) => outboxItem.setValue(items) }, async (item) =>
    api ? postQueued(api, item) : { ok: false, retry: true },
  );
  async function flushOutbox(): Promise<void> {
    if ((await readOutbox()).some((i) => i.error === null)) await outbox.flush();
  }

  // ---- admin context per tab ----
  async function showTab(tabId: number, url?: string): Promise<void> {
    if (url?.startsWith(browser.runtime.getURL("/"))) return; // our own pages (panel opened as a tab) keep the context
    const contexts = await tabContextsItem.getValue();
    await adminContextItem.setValue(contexts[String(tabId)] ?? null);
  }
  onMessage("adminPage", async ({ data, sender }) => {
    const tabId = sender.tab?.id;
    if (tabId === undefined) return;
    const contexts = { ...(await tabContextsItem.getValue()) };
    if (data) contexts[String(tabId)] = data;
    else delete contexts[String(tabId)];
    await tabContextsItem.setValue(contexts);
    if (sender.tab?.active) await adminContextItem.setValue(data);
  });
  browser.tabs.onActivated.addListener(({ tabId }) => {
    void browser.tabs.get(tabId).then(
      (t) => showTab(tabId, t.url),
      () => showTab(tabId),
    );
  });
  browser.tabs.onRemoved.addListener((tabId) => {
    void tabContextsItem.getValue().then((c) => {
      const { [String(tabId)]: _gone, ...rest } = c;
      return tabContextsItem.setValue(rest);
    });
  });

  onMessage("unreadCount", async ({ data }) => {
    const prefs = await readPrefs();
    await setBadge(prefs.badge && workspaceBadge ? data : null);
    await lastUnreadItem.setValue(data);
  });
  onMessage("sessionChanged", async () => {
    settingsCheckedAt = 0;
    await connect();
    await refreshBadge();
  });

  // Alarms wake the service worker even after Chrome suspended it: reconnect, refresh the badge, send queued replies.
  void browser.alarms.create("sidedesk-refresh", { periodInMinutes: 0.5 });
  browser.alarms.onAlarm.addListener((a) => {
    if (a.name !== "sidedesk-refresh") return;
    void connect().then(() => {
      socket?.nudge();
      return Promise.all([refreshBadge(), flushOutbox()]);
    });
  });
  void connect().then(refreshBadge);
});
