// Fetches an inbound MMS's media from Twilio: each MediaUrl answers (with the account's credentials) by redirecting to
// the file on Twilio's storage. Credentials go only to Twilio's own hosts — never to the redirect's storage host or to
// any other host a webhook might name — and redirects are followed by hand so that rule holds at every hop.
import { megabytes } from "../../../shared/rules/files";
import { ProviderError } from "./provider-error";
import type { TwilioCredentials } from "./twilio-client";

const MAX_REDIRECTS = 5;
const twilioHost = (url: URL) => url.protocol === "https:" && (url.hostname === "api.twilio.com" || url.hostname.endsWith(".twilio.com"));
/** Development only: the worker's own fake of Twilio's media edge (routes/dev-fake-twilio.ts) counts as Twilio's API. */
export const DEV_FAKE_TWILIO_API = "/dev/fake-twilio/2010-04-01/";

export interface FetchedMedia {
  type: string;
  bytes: Uint8Array;
}

/** Throws ProviderError: retryable for network trouble, 429 and 5xx; final for anything else. */
/**
 * `creds` null: the workspace has not given its Twilio credentials, and media URLs are public unless the account turned
 * on "HTTP Basic Authentication for media", so the request goes without them.
 */
export async function fetchTwilioMedia(mediaUrl: string, creds: TwilioCredentials | null, maxBytes: number, devOrigin?: string): Promise<FetchedMedia> {
  const isApi = (url: URL) => twilioHost(url) || (devOrigin !== undefined && url.href.startsWith(`${devOrigin}${DEV_FAKE_TWILIO_API}`));
  const allowed = (url: URL) => isApi(url) || url.protocol === "https:" || (devOrigin !== undefined && url.origin === devOrigin);
  let url: URL;
  try {
    url = new URL(mediaUrl);
  } catch {
    throw new ProviderError(`Not a media URL: ${mediaUrl.slice(0, 100)}`, false);
  }
  if (!isApi(url)) throw new ProviderError(`Media is only fetched from Twilio, not ${url.hostname}.`, false);
  for (let hop = 0; hop <= MAX_REDIRECTS; hop++) {
    const headers: Record<string, string> = creds && isApi(url) ? { authorization: `Basic ${btoa(`${creds.accountSid}:${creds.authToken}`)}` } : {};
    let res: Response;
    try {
      res = await fetch(url, { headers, redirect: "manual" });
    } catch (err) {
      throw new ProviderError(`Twilio media unreachable: ${err instanceof Error ? err.message : String(err)}`, true);
    }
    const location = res.headers.get("location");
    if (res.status >= 300 && res.status < 400 && location) {
      await res.body?.cancel();
      url = new URL(location, url);
      if (!allowed(url)) throw new ProviderError("Twilio redirected the media to a non-HTTPS address.", false);
      continue;
    }
    if (!res.ok) {
      await res.body?.cancel();
      throw new ProviderError(`Twilio media answered ${res.status}.`, res.status === 429 || res.status >= 500);
    }
    const declared = Number(res.headers.get("content-length") ?? "0");
    if (declared > maxBytes) {
      await res.body?.cancel();
      throw new ProviderError(`larger than ${megabytes(maxBytes)}`, false);
    }
    const bytes = new Uint8Array(await res.arrayBuffer());
    if (bytes.byteLength > maxBytes) throw new ProviderError(`larger than ${megabytes(maxBytes)}`, false);
    return { type: (res.headers.get("content-type") ?? "application/octet-stream").split(";")[0]!.trim().toLowerCase(), bytes };
  }
  throw new ProviderError("Twilio redirected the media too many times.", false);
}
