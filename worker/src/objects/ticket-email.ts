// The email side of a ticket's delivery: an agent reply goes out threaded (In-Reply-To, References, "Re:" subject)
// from the workspace's support address, and our Message-ID is linked to the thread so the customer's answer threads back.
import type { Env } from "../env";
import type { Attachment, EmailParts } from "../../../shared/schemas";
import { fileBytes } from "../files/file-store";
import { replyHtml, replyText } from "../domain/email-reply-html";
import { loadSettings } from "../db/settings";
import { getWorkspace } from "../db/workspaces";
import { linkMessageId } from "../db/email-threads";
import { newMessageId } from "../domain/email-compose";
import { replySubject } from "../domain/email-thread";
import { sendEmail } from "../integrations/mailer";
import { ProviderError } from "../integrations/provider-error";
import type { StateOf } from "./ticket-state";
import { dbFor, directory } from "../db/shards";

export interface EmailSent {
  providerId: string;
  status: "sent";
  email: EmailParts;
  messageId: string;
}

/** The providerId an outbound email message is stored under: bounces find it by the Message-ID they quote. */
export const emailProviderId = (messageId: string) => `email:${messageId}`;

export async function sendEmailReply(env: Env, state: StateOf<"email">, text: string, files: Attachment[] = []): Promise<EmailSent> {
  const thread = state.email;
  const to = state.profile.email;
  if (!thread) throw new ProviderError("This ticket has no email thread to reply to.", false);
  if (!to) throw new ProviderError("The customer has no email address.", false);
  const { settings } = await loadSettings(directory(env), state.workspaceId);
  const inbound = settings.email.inboundAddress;
  const fromAddress = settings.email.supportAddress ?? inbound;
  if (!fromAddress) throw new ProviderError("No support or inbound email address is configured (Settings → Email), so the reply cannot be sent.", false);
  const workspace = await getWorkspace(directory(env), state.workspaceId);
  // An agent-started thread (no message yet): its first email carries the root Message-ID and the subject as written.
  const first = thread.lastMessageId === "";
  const messageId = first ? thread.rootId : newMessageId(fromAddress);
  // Recorded before sending: the customer's answer may arrive before this delivery finishes.
  await linkMessageId(dbFor(env, state.workspaceId), state.workspaceId, messageId, thread.rootId);
  const subject = first ? thread.subject : replySubject(thread.subject);
  const attachments = await Promise.all(
    files.map(async (f) => {
      const bytes = f.id ? await fileBytes(env, state.workspaceId, state.ticketId, f.id) : null;
      if (!bytes) throw new ProviderError(`The file "${f.name}" is no longer stored, so the reply cannot carry it.`, false);
      return { name: f.name, type: f.type, bytes };
    }),
  );
  const from = { address: fromAddress, ...(workspace?.name ? { name: workspace.name } : {}) };
  const signature = settings.email.signature;
  const html = replyHtml(text, signature);
  const cc = thread.cc.filter((address) => address !== to);
  await sendEmail(env, {
    workspaceId: state.workspaceId,
    ticketId: state.ticketId,
    from,
    to,
    cc,
    replyTo: inbound ?? undefined,
    subject,
    text: replyText(text, signature),
    html,
    messageId,
    inReplyTo: first ? undefined : thread.lastMessageId,
    references: first ? [] : thread.references,
    attachments,
  });
  // The thread shows the agent's own words (the HTML part is made from them and the signature): no HTML is kept.
  const email: EmailParts = { subject, html: null, attachments: files, from: fromAddress, to: [to], cc };
  return { providerId: emailProviderId(messageId), status: "sent", email, messageId };
}
