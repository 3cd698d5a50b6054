// What an inbound SMS sets in motion: keyword consent changes and replies, or the auto-responder.
import type { SmsConsent } from "../../../shared/schemas";
import type { Settings } from "../../../shared/schemas/settings";
import { detectKeyword, keywordReply } from "../../../shared/rules/keywords";
import { fillTemplate } from "../../../shared/rules/templates";

export interface InboundSmsPlan {
  /** New consent when the message is a keyword that changes it. */
  consent?: SmsConsent;
  keywordReply?: string;
  /** The auto-responder text for this profile (after any consent change), or null. */
  autoReply: (profile: { smsConsent: SmsConsent; blocked: boolean }) => string | null;
}

export function inboundSmsPlan(body: string, settings: Settings, org: string): InboundSmsPlan {
  const { optIn, helpReply } = settings.sms.keywords;
  const keyword = detectKeyword(body, optIn);
  const supportEmail = settings.email.supportAddress;
  if (keyword) {
    const consent = keyword === "opt_out" ? null : keyword === "opt_in" ? ("marketing" as const) : undefined;
    // The workspace's own HELP wording, with the same placeholders as the auto-responder.
    const reply =
      keyword === "help" && helpReply
        ? fillTemplate(helpReply, { "Organization prefix": org, "Organization name": org, email: supportEmail ?? "our support team" })
        : keywordReply(keyword, org, supportEmail);
    return { ...(consent !== undefined ? { consent } : {}), keywordReply: reply, autoReply: () => null };
  }
  const { audience, text } = settings.sms.autoResponder;
  return {
    autoReply: (profile) => {
      if (profile.blocked || audience === "off") return null;
      if (audience === "non_consented" && profile.smsConsent) return null;
      return fillTemplate(text, { "Organization prefix": org, "Organization name": org, email: supportEmail ?? "our support team" });
    },
  };
}
