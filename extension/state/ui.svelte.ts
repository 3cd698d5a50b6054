// Which screen the panel shows and cross-component requests (focus the composer, open the snooze menu).
export type Screen = "inbox" | "ticket" | "settings" | "reports";
export type TicketTab = "conversation" | "customer";
export type SettingsTab = "you" | "replies" | "macros" | "rules" | "sla" | "csat" | "workspace" | "sms" | "webchat" | "store" | "limits" | "agents" | "audit";

export class UiState {
  screen = $state<Screen>("inbox");
  tab = $state<TicketTab>("conversation");
  drawer = $state(false);
  settingsTab = $state<SettingsTab>("you");
  filters = $state(false);
  /** One-shot asks from a keyboard shortcut, for the ticket it was pressed on; the component that acts clears it. */
  composerRequest = $state<{ ticketId: string; mode: "reply" | "note"; insert?: string } | null>(null);
  snoozeRequest = $state<string | null>(null);
  /** Ticks every 30 s so relative times ("5m") stay current. */
  clock = $state(Date.now());

  startClock(): void {
    setInterval(() => {
      this.clock = Date.now();
    }, 30_000);
  }

  openSettings(tab: SettingsTab = "you"): void {
    this.settingsTab = tab;
    this.screen = "settings";
  }

  focusComposer(ticketId: string, mode: "reply" | "note"): void {
    this.tab = "conversation";
    this.composerRequest = { ticketId, mode };
  }

  /** Puts text into the ticket's reply at the cursor (a tracking sentence, a discount code) and shows the composer. */
  insertIntoReply(ticketId: string, text: string): void {
    this.tab = "conversation";
    this.composerRequest = { ticketId, mode: "reply", insert: text };
  }

  /** A shortcut acts once, on its ticket: nothing pending may carry over to the next one opened. */
  clearRequests(): void {
    this.composerRequest = null;
    this.snoozeRequest = null;
  }
}
