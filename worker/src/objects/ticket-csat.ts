// Satisfaction surveys in the ticket object (docs/api.md §19). After every event the rules look at, a closed ticket on
// a channel that asks gets a `csat` timer at its close plus the delay (a reopen clears it); when it fires, the survey
// goes out once per closed period on the ticket's own channel — never to a blocked profile or an SMS number without
// consent — and the customer's answer comes back as a line and a rule event.
import * as clock from "../clock";
import { z } from "zod";
import { activityLine } from "../../../shared/rules/activity";
import { quietHoursEnd } from "../../../shared/rules/quiet-hours";
import { matchLocale } from "../../../shared/i18n/locales";
import type { Settings } from "../../../shared/schemas/settings";
import { WIDGET_TEXTS } from "../chat/widget-texts";
import { surveyFor } from "../db/csat";
import { getProfile } from "../db/profiles";
import { loadSettings } from "../db/settings";
import { directory } from "../db/shards";
import { getWorkspace } from "../db/workspaces";
import { detectLanguage } from "../domain/rule-facts";
import { surveyToken } from "../domain/survey-link";
import type { TicketState } from "./ticket-state";
import type { TicketStore } from "./ticket-store";
import type { TicketKernel } from "./ticket-timers";
import { SYSTEM } from "./ticket-writer";

export const CSAT_TIMER = "csat";
export const CsatPayload = z.object({ period: z.number() });

type Kernel = TicketKernel;

/** Sets or clears the survey timer for the ticket as it is now (inside a transaction). */
export function scheduleCsat(store: TicketStore, state: TicketState, settings: Settings): void {
  const asks = settings.csat.channels.includes(state.channel);
  const period = state.periodStartedAt;
  if (asks && state.status === "closed" && state.closedAt !== null && !state.blocked && state.csat?.period !== period) {
    if (store.timer(CSAT_TIMER) === null) store.setTimer(CSAT_TIMER, state.closedAt + settings.csat.delayMinutes * 60_000, { period });
  } else {
    store.clearTimer(CSAT_TIMER);
  }
}

/** The timer went off: checks the ticket and customer again, makes the survey (D1) and puts the question in the thread. */
export async function sendSurvey(k: Kernel, key: string, p: z.infer<typeof CsatPayload>): Promise<void> {
  const state = k.store.state();
  if (state?.status !== "closed" || state.periodStartedAt !== p.period || state.csat?.period === p.period) return k.store.clearTimer(key);
  const db = k.shard(state.workspaceId);
  const [{ settings }, workspace, profile] = await Promise.all([
    loadSettings(directory(k.env), state.workspaceId),
    getWorkspace(directory(k.env), state.workspaceId),
    getProfile(db, state.workspaceId, state.profile.id),
  ]);
  if (!settings.csat.channels.includes(state.channel) || state.blocked || profile?.blocked) return k.store.clearTimer(key);
  const refusal =
    state.channel === "sms" && !profile?.smsConsent
      ? "reasonNoConsent"
      : state.channel === "email" && !(profile?.email ?? state.profile.email)
        ? "reasonNoEmail"
        : null;
  if (refusal) return notSent(k, key, refusal);
  const survey = await surveyFor(directory(k.env), {
    workspaceId: state.workspaceId,
    ticketId: state.ticketId,
    period: p.period,
    channel: state.channel,
    agentId: state.assigneeId,
    tags: state.tags,
  });
  const token = await surveyToken(k.env, survey.id);
  const { asked, text } = question(state, settings, workspace?.name ?? "us", `${k.env.PUBLIC_URL ?? state.origin ?? ""}/survey/${token}`, k.store);
  const timeZone = profile?.timezone ?? workspace?.timezone ?? settings.timezone;
  const quietEnd = state.channel === "sms" ? quietHoursEnd(clock.nowDate(), timeZone, settings.sms.quietHours) : null;
  k.ctx.storage.transactionSync(() => {
    k.store.clearTimer(key);
    const current = k.store.current();
    if (current.status !== "closed" || current.periodStartedAt !== p.period) return; // reopened while the survey was made
    const m = k.writer.queueOutbound(current, { text, source: "survey", author: SYSTEM, at: clock.now(), sendAt: quietEnd?.getTime() });
    current.csat = { period: p.period, surveyId: survey.id, token, question: asked, seq: m.seq, score: null };
    k.writer.activity(current, activityLine("csatSent"), clock.now());
    k.writer.commit(current, "csat");
  });
}

/** The question in the customer's language (detected from their last message), with the link on SMS and email. */
function question(state: TicketState, settings: Settings, org: string, url: string, store: TicketStore): { asked: string; text: string } {
  const language = matchLocale([detectLanguage(store.lastCustomerMessage(state.lastInboundSeq)?.text ?? "")]) ?? "en";
  const texts = WIDGET_TEXTS[language];
  const fill = (s: string | undefined, values: Record<string, string>) => (s ?? "").replace(/\{\{(\w+)\}\}/g, (_, n: string) => values[n] ?? "");
  const asked = settings.csat.question ?? fill(texts.surveyQuestion, { org });
  // Web chat answers inline; the link is there too, for the follow-up email of a customer who left.
  return { asked, text: `${asked} ${fill(texts.surveyLink, { url })}` };
}

function notSent(k: Kernel, key: string, reason: "reasonNoConsent" | "reasonNoEmail") {
  k.ctx.storage.transactionSync(() => {
    k.store.clearTimer(key);
    const current = k.store.current();
    current.csat = { period: current.periodStartedAt, surveyId: "", token: "", question: "", seq: 0, score: null }; // once per period
    k.writer.activity(current, activityLine("csatNotSent", { reasonKey: reason }), clock.now());
    k.writer.commit(current, "csat");
  });
}

/** The customer's answer: a line on the ticket (each change too) and a `csat_received` event for the rules. */
export function recordAnswer(k: Kernel, surveyId: string, score: number, comment: string): boolean {
  return k.ctx.storage.transactionSync(() => {
    const state = k.store.state();
    if (!state?.csat || state.csat.surveyId !== surveyId) return false;
    state.csat = { ...state.csat, score };
    const line = comment ? activityLine("csatAnsweredComment", { score: String(score), comment }) : activityLine("csatAnswered", { score: String(score) });
    k.writer.activity(state, line, clock.now());
    k.writer.emit(state, { type: "csat_received", score });
    k.writer.commit(state, "csat");
    return true;
  });
}
