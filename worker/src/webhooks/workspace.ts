// What a webhook needs of its workspace: that it exists, its settings and decrypted secrets.
import type { Env } from "../env";
import { secretsKey } from "../config";
import { loadWorkspaceSettings, openSecrets } from "../db/settings";
import { HttpError } from "../http/errors";
import { directory } from "../db/shards";

export async function webhookWorkspace(env: Env, workspaceId: string) {
  const found = await loadWorkspaceSettings(directory(env), workspaceId);
  if (!found) throw new HttpError(404, "not_found", "No such workspace.");
  const { workspace, settings, sealed } = found;
  const secrets = await openSecrets(secretsKey(env), workspaceId, sealed);
  return { workspace, settings, secrets };
}

/** The exact URL the provider called (and signed): the configured public origin, or the request's own. */
export function publicUrl(env: Env, request: Request): string {
  const url = new URL(request.url);
  return env.PUBLIC_URL ? `${env.PUBLIC_URL.replace(/\/$/, "")}${url.pathname}${url.search}` : request.url;
}

export const unauthorized = (what: string) => new HttpError(401, "invalid_signature", `The ${what} signature is missing or wrong.`);
