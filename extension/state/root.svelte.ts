// The panel's stores, created once and shared by the components.
import { sendMessage } from "../lib/messaging";
import { AdminState } from "./admin.svelte";
import { CustomerStore } from "./customer.svelte";
import { InboxStore } from "./inbox.svelte";
import { LiveState } from "./live.svelte";
import { OutboxState } from "./outbox.svelte";
import { QuickReplies } from "./quick-replies.svelte";
import { Macros } from "./macros.svelte";
import { Approvals } from "./approvals.svelte";
import { ReportsStore } from "./reports.svelte";
import { Session } from "./session.svelte";
import { SettingsStore } from "./settings.svelte";
import { TicketStore } from "./ticket.svelte";
import { UiState } from "./ui.svelte";
import { SavedViews } from "./views.svelte";

export const session = new Session();
const api = () => session.api;
export const inbox = new InboxStore({
  api,
  me: () => session.agentId,
  onCounts: (c) => {
    void sendMessage("unreadCount", c.views.unread).catch(() => undefined);
  },
});
export const ticket = new TicketStore({ api, inbox });
export const outbox = new OutboxState({ api, onSent: (ticketId, message) => ticket.applyMessage(ticketId, message) });
export const approvals = new Approvals({ api, me: () => session.agentId, canDecide: () => session.isAdmin });
export const live = new LiveState({ api, inbox, ticket, outbox, approvals });
export const customer = new CustomerStore(api);
export const admin = new AdminState(api);
export const quickReplies = new QuickReplies(api);
export const macros = new Macros(api);
export const views = new SavedViews(api);
export const ui = new UiState();
export const settings = new SettingsStore(api);
export const reports = new ReportsStore({ api, timezone: () => session.me?.workspace.timezone ?? "UTC" });

export async function openTicket(id: string): Promise<void> {
  ui.clearRequests();
  ui.screen = "ticket";
  ui.tab = "conversation";
  await ticket.open(id);
}

export function backToInbox(): void {
  ui.clearRequests();
  ui.screen = "inbox";
  ticket.close();
}

/** Everything a signed-in panel runs: lists, counts, quick replies, saved views, live socket, outbox, admin context. */
export async function startPanel(): Promise<void> {
  if (!session.canUseInbox) return; // reports-only (analyst): ReportsScreen loads what it needs
  await Promise.all([outbox.init(), admin.init()]);
  ui.startClock();
  void inbox.load();
  void inbox.refreshCounts();
  void quickReplies.load();
  void views.load();
  void approvals.load();
  live.start();
}

export function stopPanel(): void {
  live.stop();
}
