// Human durations for reports: "45s", "12m", "2h 15m", "3d 4h"; "—" when there is nothing to measure.

/** Two units at most, the larger first; the smaller is left out when it is zero ("2h", not "2h 0m"). */
export function humanDuration(seconds: number | null | undefined): string {
  if (seconds === null || seconds === undefined || !Number.isFinite(seconds) || seconds < 0) return "—";
  const s = Math.round(seconds);
  if (s < 60) return `${s}s`;
  const m = Math.round(s / 60);
  if (m < 60) return `${m}m`;
  const pair = (big: number, bigUnit: string, small: number, smallUnit: string) => (small ? `${big}${bigUnit} ${small}${smallUnit}` : `${big}${bigUnit}`);
  if (m < 24 * 60) return pair(Math.floor(m / 60), "h", m % 60, "m");
  const h = Math.round(s / 3600);
  return pair(Math.floor(h / 24), "d", h % 24, "h");
}
