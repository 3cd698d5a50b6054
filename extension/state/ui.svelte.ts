// Which screen the panel shows and cross-component requests (focus the composer, open the snooze menu).
export type Screen = "inbox" | "ticket" | "settings" | "reports";
export type TicketTab = "conversation" | "customer";
export type SettingsTab = "you" | "replies" | "workspace" | "sms" | "webchat" | "store" | "agents";

export class UiState {
  screen = $state<Screen>("inbox");
  tab = $state<TicketTab>("conversation");
  drawer = $state(false);
  settingsTab = $state<SettingsTab>("you");
  filters = $state(false);
  /** Bumped to ask the composer to take focus in a mode (keyboard r / n). */
  composerRequest = $state<{ mode: "reply" | "note"; n: number }>({ mode: "reply", n: 0 });
  snoozeRequest = $state(0);
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

  focusComposer(mode: "reply" | "note"): void {
    this.tab = "conversation";
    this.composerRequest = { mode, n: this.composerRequest.n + 1 };
  }
}
