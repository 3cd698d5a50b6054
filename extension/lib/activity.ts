// An activity line in the agent's language: from its catalogue key and parameters when the worker sent them (times
// shown as people read them), else the stored English text with its ISO times made readable.
import type { Message } from "../../shared/schemas";
import { isActivityKey, keyedParams } from "../../shared/rules/activity";
import { percent, whenLabel } from "./format";
import { money } from "./orders";
import { t } from "./i18n.svelte";

const ISO_TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})/g;
const readable = (text: string) => text.replace(ISO_TIME, (iso) => whenLabel(iso));

const SUMMARY = {
  refund: "summaryRefund",
  discount: "summaryDiscount",
  cancel: "summaryCancel",
  address: "summaryAddress",
  note: "summaryNote",
  replacement: "summaryReplacement",
} as const;
const translate = t as unknown as (key: string, params: Record<string, string>) => string;

export function activityText(m: Pick<Message, "text" | "activity">): string {
  const a = m.activity;
  if (!a || !isActivityKey(a.key)) return readable(m.text);
  const params = Object.fromEntries(Object.entries(a.params).map(([k, v]) => [k, readable(v)]));
  // Money as the agent reads it; an order action named in the agent's language (the worker's `action` is English).
  if (params.value && params.currency) params.amount = money(params.value, params.currency);
  if (params.percent && params.discount) params.discount = percent(Number(params.percent));
  const summary = params.kind && Object.hasOwn(SUMMARY, params.kind) ? SUMMARY[params.kind as keyof typeof SUMMARY] : null;
  if (summary && params.action) params.action = translate(`activity.${summary}`, params);
  Object.assign(
    params,
    keyedParams(params, (key) => (isActivityKey(key) ? translate(`activity.${key}`, params) : key)),
  );
  // The key is checked against the catalogue above; the parameters are whatever the worker filled in.
  return translate(`activity.${a.key}`, params);
}
