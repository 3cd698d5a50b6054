// GET/PUT /api/settings (owner/admin). Partial updates are merged; secrets are write-only and encrypted at rest.
import * as clock from "../clock";
import { Settings, SettingsUpdate, type Secrets } from "../../../shared/schemas/settings";
import { agentRoute, type AppRouter } from "../http/agent-route";
import { OWNER, OWNER_ADMIN, requireRole, forgetTokens } from "../http/auth";
import { audit } from "../db/audit-log";
import { HttpError, parseOr400, readJson } from "../http/errors";
import { openSecrets, readSettings, saveSettingsStmt, sealSecrets, workspaceByInboundEmail } from "../db/settings";
import { forgetWorkspace } from "../db/settings-cache";
import { secretsKey } from "../config";
import { dbFor, directory } from "../db/shards";
import { setTimezoneStmt } from "../db/workspaces";
import { SettingsView } from "../../../shared/schemas/settings-view";
import { respond } from "../http/respond";

export function registerSettingsRoutes(router: AppRouter) {
  router.get(
    "/api/settings",
    agentRoute(async (_request, env, who) => {
      requireRole(who, OWNER_ADMIN, "read settings");
      const { settings, sealed } = await readSettings(directory(env), who.workspace.id);
      return respond(SettingsView, present(settings, await openSecrets(secretsKey(env), who.workspace.id, sealed)));
    }),
  );

  router.put(
    "/api/settings",
    agentRoute(async (request, env, who) => {
      requireRole(who, OWNER_ADMIN, "change settings");
      const update = parseOr400(SettingsUpdate, await readJson(request));
      // Admins are themselves limited (and approve others' requests): only the owner sets the limits.
      if (update.orders) requireRole(who, OWNER, "change refund and discount limits");
      const key = secretsKey(env);
      const { settings, sealed } = await readSettings(directory(env), who.workspace.id);
      const secrets = await openSecrets(key, who.workspace.id, sealed);
      const merged = Settings.parse(deepMerge(settings, publicPart(update)));
      const inbound = merged.email.inboundAddress;
      if (inbound && ((await workspaceByInboundEmail(directory(env), inbound)) ?? who.workspace.id) !== who.workspace.id) {
        throw new HttpError(409, "inbound_address_taken", "Another workspace already receives email at this inbound address.");
      }
      const nextSecrets = applySecrets(secrets, update);
      const nextSealed = Object.keys(nextSecrets).length ? await sealSecrets(key, who.workspace.id, nextSecrets) : null;
      const statements = [saveSettingsStmt(directory(env), who.workspace.id, merged, nextSealed, clock.now())];
      if (update.timezone) statements.push(setTimezoneStmt(directory(env), who.workspace.id, update.timezone));
      await directory(env).batch(statements);
      if (update.orders) {
        const summary = `Changed refund and discount limits: ${limitsSummary(merged.orders.limits)}`;
        const actor = { id: who.agent.id, name: who.agent.name };
        await audit(dbFor(env, who.workspace.id), who.workspace.id, { actor, action: "settings.limits", summary, detail: merged.orders.limits });
      }
      forgetWorkspace(who.workspace.id);
      forgetTokens(who.workspace.id); // the time zone travels with every authenticated request
      // New SLA policies (or business hours they count in) apply to the open tickets too: the inbox object sweeps them.
      if (update.sla || (update.webchat?.businessHours && merged.sla.policies.some((p) => p.businessHours))) {
        await env.INBOX.get(env.INBOX.idFromName(who.workspace.id)).sweepRuleClocks(who.workspace.id);
      }
      return respond(SettingsView, present(merged, nextSecrets));
    }),
  );
}

function limitsSummary(limits: Settings["orders"]["limits"]): string {
  const show = (n: number | null, suffix = "") => (n === null ? "no limit" : `${n}${suffix}`);
  return (["admin", "manager", "support"] as const)
    .map((r) => `${r} refund ${show(limits[r].refund)}, discount ${show(limits[r].discount)} / ${show(limits[r].discountPercent, "%")}`)
    .join("; ");
}

/** What GET returns: settings plus `{ set: boolean }` in place of each secret. */
function present(settings: Settings, secrets: Secrets) {
  const set = (v: string | undefined) => ({ set: Boolean(v) });
  return {
    ...settings,
    sms: { ...settings.sms, accountSid: set(secrets.smsAccountSid), authToken: set(secrets.smsAuthToken) },
    shopify: { ...settings.shopify, adminToken: set(secrets.shopifyAdminToken), webhookSecret: set(secrets.shopifyWebhookSecret) },
    events: { signingSecret: set(secrets.eventsSigningSecret) },
  };
}

function publicPart(u: SettingsUpdate): Record<string, unknown> {
  const { sms, shopify, events: _events, ...rest } = u;
  const { accountSid: _a, authToken: _t, ...smsPublic } = sms ?? {};
  const { adminToken: _s, webhookSecret: _w, ...shopifyPublic } = shopify ?? {};
  return { ...rest, ...(sms ? { sms: smsPublic } : {}), ...(shopify ? { shopify: shopifyPublic } : {}) };
}

function applySecrets(current: Secrets, u: SettingsUpdate): Secrets {
  const next: Record<string, string | undefined> = { ...current };
  const put = (key: keyof Secrets, value: string | null | undefined) => {
    if (value === undefined) return;
    if (value === null) delete next[key];
    else next[key] = value;
  };
  put("smsAccountSid", u.sms?.accountSid);
  put("smsAuthToken", u.sms?.authToken);
  put("shopifyAdminToken", u.shopify?.adminToken);
  put("shopifyWebhookSecret", u.shopify?.webhookSecret);
  put("eventsSigningSecret", u.events?.signingSecret);
  return Object.fromEntries(Object.entries(next).filter(([, v]) => v !== undefined)) as Secrets;
}

function deepMerge(base: Record<string, unknown>, patch: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = { ...base };
  for (const [k, v] of Object.entries(patch)) {
    if (v === undefined) continue;
    const b = out[k];
    const isObj = (x: unknown): x is Record<string, unknown> => typeof x === "object" && x !== null && !Array.isArray(x);
    // Business hours are replaced whole: a schedule is one value, not a set of fields.
    out[k] = isObj(v) && isObj(b) && k !== "businessHours" ? deepMerge(b, v) : v;
  }
  return out;
}
