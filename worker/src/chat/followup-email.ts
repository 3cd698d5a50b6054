// The web-chat follow-up email (docs/api.md §7.4 Follow-up email): subject, HTML (the brand's logo — or its name —
// and accent colour, a button back to the chat, recap, policy links) and plain text.
// Everything the customer or an agent wrote is HTML-escaped; links are only ever http(s).
import type { ChatMessage } from "../../../shared/schemas/chat";

export interface FollowUpInput {
  accountName: string;
  /** The storefront page the chat ran on (reported by the widget); the button reopens the chat there. */
  pageUrl: string | null;
  /** Fallback site when no page is known, e.g. the Shopify shop domain. */
  shopDomain: string | null;
  recap: ChatMessage[];
  /** Settings → Brand: logo, button colour, and policy links in place of the Shopify store's standard ones. */
  brand?: { logoUrl: string | null; accentColor: string | null; privacyUrl: string | null; termsUrl: string | null };
}

const DEFAULT_ACCENT = "#1f2937";

const RECAP_MESSAGES = 6;
const RECAP_CHARS = 400;

export const followUpSubject = (accountName: string) => `You have a new message from ${accountName}`;

export function buildFollowUpEmail(input: FollowUpInput): { subject: string; text: string; html: string } {
  const site = siteOf(input);
  const chatLink = site ? withChatHash(site.page) : null;
  const brand = input.brand;
  const standard = site ? { privacy: `${site.origin}/policies/privacy-policy`, terms: `${site.origin}/policies/terms-of-service` } : null;
  const privacy = brand?.privacyUrl ?? standard?.privacy ?? null;
  const terms = brand?.termsUrl ?? standard?.terms ?? null;
  const policies = privacy && terms ? { privacy, terms } : null;
  const accent = brand?.accentColor && /^#[0-9a-fA-F]{6}$/.test(brand.accentColor) ? brand.accentColor : DEFAULT_ACCENT;
  const recap = input.recap.slice(-RECAP_MESSAGES).map((m) => ({ who: speaker(m, input.accountName), text: clip(m.text) }));
  const subject = followUpSubject(input.accountName);

  const text = [
    `${input.accountName} replied to your chat:`,
    "",
    ...recap.flatMap((r) => [`${r.who}:`, r.text, ""]),
    chatLink ? `Continue the conversation: ${chatLink}` : "Reply to this email to continue the conversation.",
    ...(policies ? ["", `Privacy policy: ${policies.privacy}`, `Terms of service: ${policies.terms}`] : []),
  ].join("\n");

  const name = esc(input.accountName);
  const rows = recap
    .map(
      (r) => `<tr><td style="padding:8px 0;border-bottom:1px solid #eee">
<div style="font-size:12px;color:#666;margin-bottom:2px">${esc(r.who)}</div>
<div style="font-size:15px;color:#111;white-space:pre-wrap">${esc(r.text)}</div></td></tr>`,
    )
    .join("\n");
  const button = chatLink
    ? `<p style="margin:24px 0"><a href="${esc(chatLink)}" style="background:${accent};color:#fff;text-decoration:none;padding:12px 20px;border-radius:6px;display:inline-block;font-weight:600">Continue the chat</a></p>`
    : `<p style="margin:24px 0">Reply to this email to continue the conversation.</p>`;
  const footer = policies
    ? `<a href="${esc(policies.privacy)}" style="color:#666">Privacy policy</a> · <a href="${esc(policies.terms)}" style="color:#666">Terms of service</a>`
    : "";
  const html = `<!doctype html><html><body style="margin:0;background:#f5f5f5;font-family:-apple-system,Segoe UI,Roboto,Helvetica,Arial,sans-serif">
<table role="presentation" width="100%" cellpadding="0" cellspacing="0"><tr><td align="center" style="padding:24px">
<table role="presentation" width="560" cellpadding="0" cellspacing="0" style="max-width:560px;background:#fff;border-radius:8px;padding:24px">
<tr><td style="font-size:22px;font-weight:700;color:#111;padding-bottom:16px">${logo(brand?.logoUrl ?? null, name)}</td></tr>
<tr><td style="font-size:16px;color:#111;padding-bottom:8px">You have a new message from ${name}.</td></tr>
${rows}
<tr><td>${button}</td></tr>
<tr><td style="font-size:12px;color:#666;padding-top:16px">${footer}</td></tr>
</table></td></tr></table></body></html>`;
  return { subject, text, html };
}

/** The logo as an image (https only; its alt text is the name), else the name in bold. */
function logo(url: string | null, name: string): string {
  return url?.startsWith("https://") ? `<img src="${esc(url)}" alt="${name}" height="40" style="display:block;height:40px;max-width:240px;border:0">` : name;
}

export function esc(s: string): string {
  return s.replace(/&/g, "&amp;").replace(/</g, "&lt;").replace(/>/g, "&gt;").replace(/"/g, "&quot;").replace(/'/g, "&#39;");
}

function speaker(m: ChatMessage, accountName: string): string {
  if (m.from === "customer") return "You";
  return m.from === "agent" && m.authorName ? `${m.authorName} (${accountName})` : accountName;
}

const clip = (t: string) => (t.length > RECAP_CHARS ? `${t.slice(0, RECAP_CHARS - 1)}…` : t);

function siteOf(input: FollowUpInput): { page: string; origin: string } | null {
  for (const candidate of [input.pageUrl, input.shopDomain ? `https://${input.shopDomain}/` : null]) {
    if (!candidate) continue;
    try {
      const url = new URL(candidate);
      if (url.protocol === "https:" || url.protocol === "http:") return { page: url.toString(), origin: url.origin };
    } catch {
      /* not a URL: try the next */
    }
  }
  return null;
}

/** `#sidedesk-chat` makes the widget open itself on arrival. */
function withChatHash(page: string): string {
  const url = new URL(page);
  url.hash = "sidedesk-chat";
  return url.toString();
}
