// How long a reply may be on each channel, checked by the worker before anything is stored and shown by the composer.
// SMS: Twilio refuses a Body over 1,600 characters. Web chat and email: the API's own cap on an agent message.
import type { Channel } from "../schemas/common";

export const MAX_AGENT_TEXT = 5000;
export const REPLY_LIMITS: Record<Channel, number> = { sms: 1600, webchat: MAX_AGENT_TEXT, email: MAX_AGENT_TEXT };

/** Characters as providers count them (UTF-16 code units, so an emoji counts 2: the stricter reading of Twilio's limit). */
export const replyLength = (text: string): number => text.trim().length;

export function replyTooLong(channel: Channel, text: string): { limit: number; length: number } | null {
  const limit = REPLY_LIMITS[channel];
  const length = replyLength(text);
  return length > limit ? { limit, length } : null;
}

/** The sentence the API answers with (code `text_too_long`) and the composer shows. */
export const tooLongMessage = (channel: Channel, { limit, length }: { limit: number; length: number }): string =>
  `${channelName(channel)} replies can be at most ${limit.toLocaleString("en-US")} characters; this one has ${length.toLocaleString("en-US")}.`;

export const channelName = (channel: Channel): string => ({ sms: "SMS", webchat: "Web chat", email: "Email" })[channel];
