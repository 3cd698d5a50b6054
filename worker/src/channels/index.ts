// The channel registry: the kernel looks a ticket's channel up here instead of branching on it.
import type { Channel } from "../../../shared/schemas";
import type { ChannelAdapter } from "./channel";
import type { StateOf, TicketState } from "../objects/ticket-state";
import { email } from "./email";
import { sms } from "./sms";
import { webchat } from "./webchat";

export const channels: { [C in Channel]: ChannelAdapter<C> } = { sms, email, webchat };

/**
 * Calls `use` with the state's own channel adapter, the two typed together (TypeScript cannot correlate
 * `channels[state.channel]` with `state` by itself; this is the one place that bridges them).
 */
export function withChannel<R>(state: TicketState, use: <C extends Channel>(adapter: ChannelAdapter<C>, state: StateOf<C>) => R): R {
  switch (state.channel) {
    case "sms":
      return use(channels.sms, state);
    case "email":
      return use(channels.email, state);
    case "webchat":
      return use(channels.webchat, state);
  }
}

export type { ChannelAdapter, ReplyRefusal, Sent } from "./channel";
