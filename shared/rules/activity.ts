// Activity lines (status changes, assignment, follow-up email…) as a key and parameters, so the panel shows them in the
// agent's language; the stored `text` is the English rendering of the same catalogue entry (exports, API clients).
import ACTIVITY_EN from "../i18n/en/activity.json";
import type { Activity } from "../schemas";

export type ActivityKey = keyof typeof ACTIVITY_EN;

/** The activity and its English text: `{{name}}` placeholders filled from `params`. */
export function activityLine(key: ActivityKey, params: Record<string, string> = {}): { text: string; activity: Activity } {
  const text = ACTIVITY_EN[key].replace(/\{\{(\w+)\}\}/g, (_, name: string) => params[name] ?? "");
  return { text, activity: { key, params } };
}
