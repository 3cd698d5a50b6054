// The Reports screen's state: the chosen range (a preset of days or custom dates, in the workspace time zone) and the report.
import type { Channel } from "../../shared/schemas";
import type { Report, ReportQuery } from "../../shared/schemas/report";
import { addDays, daysBetween, localDate } from "../../shared/rules/report-range";
import { errorMessage, type Api } from "../lib/api";
import { t } from "../lib/i18n.svelte";

export type RangePreset = 7 | 30 | 90 | "custom";
export const PRESETS: readonly RangePreset[] = [7, 30, 90, "custom"];
const MAX_DAYS = 366;

/** What went wrong: a range refused here (shown in the agent's language, even after a switch) or the API's message. */
type Problem = { range: "reversed" | "tooLong" } | { message: string };

export class ReportsStore {
  preset = $state<RangePreset>(30);
  from = $state("");
  to = $state("");
  channel = $state<Channel | "">("");
  report = $state.raw<Report | null>(null);
  loading = $state(false);
  private problem = $state<Problem | null>(null);
  private seq = 0;

  /** The error to show, or null. */
  get error(): string | null {
    const p = this.problem;
    if (!p) return null;
    if ("message" in p) return p.message;
    return p.range === "reversed" ? t("reports.range.reversed") : t("reports.range.tooLong", { max: MAX_DAYS });
  }

  constructor(
    private readonly deps: {
      api: () => Api | null;
      timezone: () => string;
      now?: () => Date;
      /** GET /api/reports; by default its client loads with the first report, keeping its schema off the first screen. */
      fetch?: (api: Api, q: ReportQuery) => Promise<Report>;
    },
  ) {}

  /** Picks a preset (the last N days, today included) or switches to custom dates, then loads. */
  async setPreset(preset: RangePreset): Promise<void> {
    this.preset = preset;
    if (preset !== "custom") {
      this.to = localDate(this.deps.now?.() ?? new Date(), this.deps.timezone());
      this.from = addDays(this.to, -(preset - 1));
    } else if (!this.from || !this.to) {
      await this.setPreset(30);
      this.preset = "custom";
      return;
    }
    await this.load();
  }

  /** Custom dates; refused here when reversed or too long, so the API's 400 is never the first thing a user sees. */
  async setRange(from: string, to: string): Promise<void> {
    this.preset = "custom";
    this.from = from;
    this.to = to;
    if (!from || !to) return;
    const days = daysBetween(from, to) + 1;
    if (days < 1) {
      this.problem = { range: "reversed" };
      return;
    }
    if (days > MAX_DAYS) {
      this.problem = { range: "tooLong" };
      return;
    }
    await this.load();
  }

  /** On sign-out: the next agent (maybe of another workspace) must not see this report, even for a moment. */
  reset(): void {
    this.seq += 1;
    this.report = null;
    this.problem = null;
    this.loading = false;
    this.from = "";
    this.to = "";
    this.preset = 30;
    this.channel = "";
  }

  async setChannel(channel: Channel | ""): Promise<void> {
    this.channel = channel;
    await this.load();
  }

  async load(): Promise<void> {
    const api = this.deps.api();
    if (!api) return;
    if (!this.from || !this.to) {
      await this.setPreset(this.preset === "custom" ? 30 : this.preset);
      return;
    }
    const seq = ++this.seq; // a slow older answer must not replace a newer one
    this.loading = true;
    this.problem = null;
    try {
      const fetchReport = this.deps.fetch ?? (await import("../lib/report-api")).fetchReport;
      const report = await fetchReport(api, { from: this.from, to: this.to, ...(this.channel ? { channel: this.channel } : {}) });
      if (seq === this.seq) this.report = report;
    } catch (err) {
      if (seq === this.seq) this.problem = { message: errorMessage(err) };
    } finally {
      if (seq === this.seq) this.loading = false;
    }
  }
}
