// Quick replies and saved custom views: the agent's reusable pieces.
import { z } from "zod";
import { IsoTime } from "./common";
import { TicketFilter } from "./api";

export const QuickReply = z.object({ id: z.string(), title: z.string(), text: z.string(), createdAt: IsoTime, updatedAt: IsoTime });
export type QuickReply = z.infer<typeof QuickReply>;
export const QuickReplyBody = z
  .object({
    title: z.string().trim().min(1, "title is empty").max(80),
    text: z.string().trim().min(1, "text is empty").max(2000),
  })
  .strict();
export type QuickReplyBody = z.infer<typeof QuickReplyBody>;

export const SavedView = z.object({ id: z.string(), name: z.string(), filter: TicketFilter, shared: z.boolean(), mine: z.boolean(), createdAt: IsoTime });
export type SavedView = z.infer<typeof SavedView>;
export const SavedViewBody = z
  .object({
    name: z.string().trim().min(1, "name is empty").max(60),
    filter: TicketFilter,
    shared: z.boolean().default(false),
  })
  .strict();
export type SavedViewBody = z.infer<typeof SavedViewBody>;
