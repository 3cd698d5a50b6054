// Activity lines (status changes, assignment, follow-up email…) as a key and parameters, so the panel shows them in the
// agent's language; the stored `text` is the English rendering of the same catalogue entry (exports, API clients).
import ACTIVITY_EN from "../i18n/en/activity.json";
import type { Activity } from "../schemas";

export type ActivityKey = keyof typeof ACTIVITY_EN;

/**
 * The activity and its English text: `{{name}}` placeholders filled from `params`. A parameter `xKey` names another
 * catalogue entry that fills `{{x}}` (the panel fills it in the agent's language the same way).
 */
export function activityLine(key: ActivityKey, params: Record<string, string> = {}): { text: string; activity: Activity } {
  const values = { ...params, ...keyedParams(params, (k) => (isActivityKey(k) ? ACTIVITY_EN[k] : k)) };
  const text = ACTIVITY_EN[key].replace(/\{\{(\w+)\}\}/g, (_, name: string) => values[name] ?? "");
  return { text, activity: { key, params } };
}

export const isActivityKey = (key: string): key is ActivityKey => key in ACTIVITY_EN;

/** `{x: text of params.xKey}` for every parameter named `…Key`. */
export function keyedParams(params: Record<string, string>, text: (key: string) => string): Record<string, string> {
  return Object.fromEntries(
    Object.entries(params)
      .filter(([name]) => name.endsWith("Key") && name.length > 3)
      .map(([name, key]) => [name.slice(0, -3), text(key)]),
  );
}
