// An activity line in the agent's language: from its catalogue key and parameters when the worker sent them (times
// shown as people read them), else the stored English text with its ISO times made readable.
import type { Message } from "../../shared/schemas";
import { en } from "../../shared/i18n/catalogue";
import { whenLabel } from "./format";
import { t } from "./i18n.svelte";

const ISO_TIME = /\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})/g;
const readable = (text: string) => text.replace(ISO_TIME, (iso) => whenLabel(iso));
const isKey = (key: string): key is keyof typeof en.activity => key in en.activity;

export function activityText(m: Pick<Message, "text" | "activity">): string {
  const a = m.activity;
  if (!a || !isKey(a.key)) return readable(m.text);
  const params = Object.fromEntries(Object.entries(a.params).map(([k, v]) => [k, readable(v)]));
  // The key is checked against the catalogue above; the parameters are whatever the worker filled in.
  return (t as unknown as (key: string, params: Record<string, string>) => string)(`activity.${a.key}`, params);
}
