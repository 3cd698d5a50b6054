// Ticket actions shared by the single-ticket routes and bulk actions, so both obey the same rules.
import * as clock from "../clock";
import type { Env } from "../env";
import type { AgentContext } from "../http/auth";
import type { NewAgentMessage, StatusChange } from "../../../shared/schemas";
import type { TicketEdit } from "../objects/outcome";
import { INBOX_ROLES } from "../../../shared/schemas";
import { snoozeUntil } from "../../../shared/rules/snooze";
import { textTooLong, tooLongMessage } from "../../../shared/rules/reply-limits";
import { HttpError } from "../http/errors";
import { getProfile } from "../db/profiles";
import { listAgents } from "../db/workspaces";
import { loadSettings } from "../db/settings";
import { channels } from "../channels";
import { ticketStub, unwrap } from "./ticket-access";
import { dbFor, directory } from "../db/shards";
import { uploadedFiles } from "../files/file-upload";

export async function postMessage(env: Env, who: AgentContext, id: string, body: NewAgentMessage, origin: string) {
  const stub = await ticketStub(env, who, id);
  const view = unwrap(await stub.view(who.workspace.id, who.agent.id));
  const files = await uploadedFiles(env, who.workspace.id, id, body.files ?? [], body.kind === "reply" ? view.state.channel : null);
  let text = body.text;
  if (body.kind === "reply") {
    const tooLong = textTooLong("reply", view.state.channel, text);
    if (tooLong) throw new HttpError(400, "text_too_long", tooLongMessage("reply", view.state.channel, tooLong));
    const channel = channels[view.state.channel];
    const [profile, { settings }] = await Promise.all([
      getProfile(dbFor(env, who.workspace.id), who.workspace.id, view.state.profile.id),
      loadSettings(directory(env), who.workspace.id),
    ]);
    const refusal = channel.replyGate(profile);
    if (refusal) throw new HttpError(409, refusal.code, refusal.message);
    text = await channel.prepareReply(env, { workspaceId: who.workspace.id, ticketId: id, origin, settings }, text);
  }
  return unwrap(await stub.postAgentMessage(who.workspace.id, { id: who.agent.id, name: who.agent.name }, { ...body, text }, origin, files));
}

export async function changeStatus(env: Env, who: AgentContext, id: string, change: StatusChange) {
  const stub = await ticketStub(env, who, id);
  const until =
    change.status !== "snoozed"
      ? null
      : change.preset
        ? snoozeUntil(change.preset, clock.nowDate(), who.workspace.timezone).getTime()
        : Date.parse(change.until as string);
  return unwrap(await stub.setStatus(who.workspace.id, { id: who.agent.id, name: who.agent.name }, change.status, until));
}

export async function editTicket(env: Env, who: AgentContext, id: string, edit: TicketEdit) {
  const stub = await ticketStub(env, who, id); // first: another workspace's ticket is a 404 whatever the body says
  const people = [edit.assigneeId, ...(edit.followers ?? []), ...(edit.addFollowers ?? [])].filter((x): x is string => typeof x === "string");
  let assigneeName: string | null = null;
  if (people.length) {
    const agents = new Map((await listAgents(directory(env), who.workspace.id)).filter((a) => INBOX_ROLES.includes(a.role)).map((a) => [a.id, a]));
    const unknown = people.find((p) => !agents.has(p));
    if (unknown) throw new HttpError(400, "unknown_agent", `No inbox agent ${unknown} in this workspace.`);
    assigneeName = edit.assigneeId ? (agents.get(edit.assigneeId)?.name ?? null) : null;
  }
  return unwrap(await stub.update(who.workspace.id, { id: who.agent.id, name: who.agent.name }, { ...edit, assigneeName }));
}

export async function markRead(env: Env, who: AgentContext, id: string, read: boolean) {
  const stub = await ticketStub(env, who, id);
  return unwrap(await stub.setRead(who.workspace.id, who.agent.id, read));
}

export async function leaveTicket(env: Env, who: AgentContext, id: string) {
  const stub = await ticketStub(env, who, id);
  return unwrap(await stub.leave(who.workspace.id, who.agent.id));
}
