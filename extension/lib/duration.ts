// Human durations for reports, in the agent's language: "45s", "12m", "2h 15m", "3d 4h" in English ("2시간 15분",
// "2 h 15 min", "3gg 4h" in the others); "—" when there is nothing to measure.
import { i18n } from "./i18n.svelte";

type Unit = "second" | "minute" | "hour" | "day";

/** "2h", "15 min", "3일": one amount with its narrow unit, as the agent's language writes it. */
const amount = (n: number, unit: Unit) => new Intl.NumberFormat(i18n.locale, { style: "unit", unit, unitDisplay: "narrow" }).format(n);

/** Two units at most, the larger first; the smaller is left out when it is zero ("2h", not "2h 0m"). */
export function humanDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return "—";
  const s = Math.round(seconds);
  if (s < 60) return amount(s, "second");
  const m = Math.round(s / 60);
  if (m < 60) return amount(m, "minute");
  const pair = (big: number, bigUnit: Unit, small: number, smallUnit: Unit) =>
    small ? `${amount(big, bigUnit)} ${amount(small, smallUnit)}` : amount(big, bigUnit);
  if (m < 24 * 60) return pair(Math.floor(m / 60), "hour", m % 60, "minute");
  const h = Math.round(s / 3600);
  return pair(Math.floor(h / 24), "day", h % 24, "hour");
}
