// How long an agent's message may be, checked by the worker before anything is stored and shown by the composer.
// SMS replies: Twilio refuses a Body over 1,600 characters. Web chat and email replies, and notes: the API's own cap.
import type { Channel } from "../schemas/common";

export type MessageKind = "reply" | "note";

export const MAX_AGENT_TEXT = 5000;
export const REPLY_LIMITS: Record<Channel, number> = { sms: 1600, webchat: MAX_AGENT_TEXT, email: MAX_AGENT_TEXT };

/** The longest text of this kind on this channel (notes are never sent, so only the API's cap applies). */
export const textLimit = (kind: MessageKind, channel: Channel): number => (kind === "note" ? MAX_AGENT_TEXT : REPLY_LIMITS[channel]);

/** Characters as providers count them (UTF-16 code units, so an emoji counts 2: the stricter reading of Twilio's limit). */
export const textLength = (text: string): number => text.trim().length;

export function textTooLong(kind: MessageKind, channel: Channel, text: string): { limit: number; length: number } | null {
  const limit = textLimit(kind, channel);
  const length = textLength(text);
  return length > limit ? { limit, length } : null;
}

/** The sentence the API answers with (code `text_too_long`) and the composer shows. */
export const tooLongMessage = (kind: MessageKind, channel: Channel, { limit, length }: { limit: number; length: number }): string =>
  `${kind === "note" ? "Notes" : `${channelName(channel)} replies`} can be at most ${limit.toLocaleString("en-US")} characters; this one has ${length.toLocaleString("en-US")}.`;

export const channelName = (channel: Channel): string => ({ sms: "SMS", webchat: "Web chat", email: "Email" })[channel];
