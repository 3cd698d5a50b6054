// An agent starting a conversation (docs/api.md §20): a new SMS (to consented customers, outside their quiet hours
// unless the agent confirms) or a new email thread, from the customer panel.
import { z } from "zod";
import { MAX_AGENT_TEXT } from "../rules/reply-limits";

export const StartConversationBody = z
  .object({
    channel: z.enum(["sms", "email"]),
    text: z.string().trim().min(1, "the message is empty").max(MAX_AGENT_TEXT),
    /** Email only: the subject of the new thread. */
    subject: z.string().trim().min(1).max(200).optional(),
    /** The agent saw the quiet-hours warning and sends anyway (SMS). */
    confirmQuietHours: z.boolean().default(false),
    /** The same clientId twice starts one conversation. */
    clientId: z.string().min(1).max(100).optional(),
  })
  .strict()
  .refine((b) => b.channel !== "email" || b.subject !== undefined, { message: "an email needs a subject", path: ["subject"] });
export type StartConversationBody = z.infer<typeof StartConversationBody>;

export const StartedConversation = z.object({ ticketId: z.string(), messageId: z.string(), duplicate: z.boolean() });
export type StartedConversation = z.infer<typeof StartedConversation>;
