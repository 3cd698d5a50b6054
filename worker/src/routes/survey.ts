// The customer's side of the satisfaction survey (docs/api.md §19): `GET /survey/:token` shows the 1–5 question (a
// score in the query is only preselected — mail scanners open links), `POST /survey/:token` records the answer and
// thanks them; the widget answers inline at `POST /chat/:workspaceId/survey/:token`. No script on the page.
import { CsatAnswer } from "../../../shared/schemas/csat";
import { matchLocale } from "../../../shared/i18n/locales";
import type { AppRouter } from "../http/agent-route";
import { HttpError, parseOr400, readJson } from "../http/errors";
import type { Env } from "../env";
import { WIDGET_TEXTS } from "../chat/widget-texts";
import { corsRoute } from "../chat/cors";
import { answerSurvey, getSurvey, type Survey } from "../db/csat";
import { directory } from "../db/shards";
import { getWorkspace } from "../db/workspaces";
import { surveyIdOf } from "../domain/survey-link";
import { escapeHtml } from "../domain/email-text";
import { loadSettings } from "../db/settings";

export function registerSurveyRoutes(router: AppRouter) {
  router.get("/survey/:token", async (request, env) => {
    const texts = textsFor(request);
    const survey = await find(env, request.params.token!);
    if (!survey) return page(texts, `<p>${escapeHtml(texts.surveyInvalid ?? "")}</p>`, 404);
    const preselected = Number(new URL(request.url).searchParams.get("score")) || survey.score;
    return page(texts, await form(env, texts, survey, preselected, request.params.token!), 200, await brandOf(env, survey));
  });

  router.post("/survey/:token", async (request, env) => {
    const texts = textsFor(request);
    const survey = await find(env, request.params.token!);
    if (!survey) return page(texts, `<p>${escapeHtml(texts.surveyInvalid ?? "")}</p>`, 404);
    const fields = Object.fromEntries(new URLSearchParams(await request.text()));
    const parsed = CsatAnswer.safeParse(fields);
    if (!parsed.success)
      return page(
        texts,
        `<p class="error">${escapeHtml(parsed.error.issues[0]?.message ?? "")}</p>${await form(env, texts, survey, null, request.params.token!)}`,
        400,
      );
    await record(env, survey, parsed.data);
    return page(
      texts,
      `<p class="thanks">${escapeHtml(texts.surveyThanks ?? "")}</p><p>${escapeHtml(texts.surveyChange ?? "")}</p>${await form(env, texts, { ...survey, ...parsed.data }, parsed.data.score, request.params.token!)}`,
    );
  });

  router.post(
    "/chat/:workspaceId/survey/:token",
    corsRoute(async (request, env) => {
      const survey = await find(env, request.params.token!);
      if (!survey || survey.workspaceId !== request.params.workspaceId) throw new HttpError(404, "not_found", "No such survey.");
      const answer = parseOr400(CsatAnswer, await readJson(request));
      await record(env, survey, answer);
      return Response.json({ ok: true, score: answer.score });
    }),
  );
}

/** Surveys are in the directory database: a link names no workspace (like short links). */
async function find(env: Env, token: string): Promise<Survey | null> {
  const id = await surveyIdOf(env, token);
  return id ? getSurvey(directory(env), id) : null;
}

async function record(env: Env, survey: Survey, answer: CsatAnswer) {
  await answerSurvey(directory(env), survey.id, answer.score, answer.comment);
  await env.TICKETS.get(env.TICKETS.idFromString(survey.ticketId)).answerSurvey(survey.workspaceId, survey.id, answer.score, answer.comment);
}

function textsFor(request: Request): Record<string, string> {
  const languages = (request.headers.get("accept-language") ?? "").split(",").map((l) => l.split(";")[0]!.trim());
  return WIDGET_TEXTS[matchLocale(languages) ?? "en"];
}

async function form(env: Env, texts: Record<string, string>, survey: Survey, score: number | null, token: string): Promise<string> {
  const [workspace, { settings }] = await Promise.all([getWorkspace(directory(env), survey.workspaceId), loadSettings(directory(env), survey.workspaceId)]);
  const org = workspace?.name ?? "";
  const question = settings.csat.question ?? (texts.surveyQuestion ?? "").replace("{{org}}", org);
  const buttons = [1, 2, 3, 4, 5]
    .map((n) => {
      const label = escapeHtml((texts.surveyScore ?? "{{score}}").replace("{{score}}", String(n)));
      return `<label class="score"><input type="radio" name="score" value="${n}" ${score === n ? "checked" : ""} required><span aria-hidden="true">${n}</span><span class="sr">${label}</span></label>`;
    })
    .join("");
  return `<h1>${escapeHtml(question)}</h1>
<form method="post" action="/survey/${escapeHtml(token)}">
<fieldset><legend>${escapeHtml(texts.surveyScale ?? "")}</legend><div class="scores">${buttons}</div></fieldset>
<label for="comment">${escapeHtml(texts.surveyComment ?? "")}</label>
<textarea id="comment" name="comment" maxlength="1000" rows="4">${escapeHtml(survey.comment ?? "")}</textarea>
<button type="submit">${escapeHtml(texts.surveySend ?? "Send")}</button>
</form>`;
}

interface Brand {
  logoUrl: string | null;
  accentColor: string | null;
}

async function brandOf(env: Env, survey: Survey): Promise<Brand> {
  return (await loadSettings(directory(env), survey.workspaceId)).settings.brand;
}

/** The page, in the workspace's brand: its logo above (https only) and its accent on the choices and the button. */
function page(texts: Record<string, string>, body: string, status = 200, brand: Brand | null = null): Response {
  const accent = brand?.accentColor && /^#[0-9a-fA-F]{6}$/.test(brand.accentColor) ? brand.accentColor : "#2457d6";
  const logo = brand?.logoUrl?.startsWith("https://") ? `<img class="logo" src="${escapeHtml(brand.logoUrl)}" alt="">` : "";
  const html = `<!doctype html><html><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">
<title>${escapeHtml(texts.surveyTitle ?? "")}</title><meta name="robots" content="noindex"><style>${STYLE.replaceAll("#2457d6", accent)}</style></head><body><main>${logo}${body}</main></body></html>`;
  return new Response(html, {
    status,
    headers: {
      "content-type": "text/html; charset=utf-8",
      "content-security-policy": "default-src 'none'; style-src 'unsafe-inline'; img-src https:; form-action 'self'; frame-ancestors 'none'",
      "x-content-type-options": "nosniff",
      "referrer-policy": "no-referrer",
      "cache-control": "no-store",
    },
  });
}

const STYLE = `body{font:16px/1.5 system-ui,sans-serif;margin:0;background:#f6f7f9;color:#1d2433}main{max-width:440px;margin:40px auto;padding:24px;background:#fff;border-radius:12px;box-shadow:0 1px 4px #0002}
h1{font-size:20px;margin:0 0 16px}fieldset{border:0;padding:0;margin:0 0 16px}legend{font-size:14px;color:#5b6475;margin-bottom:8px}.scores{display:flex;gap:8px}
.score{flex:1}.score input{position:absolute;opacity:0}.score span[aria-hidden]{display:block;text-align:center;padding:12px 0;border:1px solid #cfd5df;border-radius:8px;font-weight:600;cursor:pointer}
.score input:checked+span{background:#2457d6;color:#fff;border-color:#2457d6}.score input:focus-visible+span{outline:3px solid #2457d666}.sr{position:absolute;width:1px;height:1px;overflow:hidden;clip:rect(0 0 0 0)}
textarea{width:100%;box-sizing:border-box;font:inherit;padding:8px;border:1px solid #cfd5df;border-radius:8px;margin:6px 0 16px}button{font:inherit;font-weight:600;padding:10px 20px;border:0;border-radius:8px;background:#2457d6;color:#fff;cursor:pointer}
.thanks{font-weight:600;color:#1a7f4b}.error{color:#b42318}.logo{display:block;max-height:40px;max-width:200px;margin:0 0 16px}`;
