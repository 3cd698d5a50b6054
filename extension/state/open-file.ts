// Opens one of a ticket's files in a new tab through a fresh short-lived link (the thread and the customer panel).
import type { Attachment } from "../../shared/schemas";
import { session } from "./root.svelte";
import { attempt } from "./toasts.svelte";

export async function openFile(ticketId: string | null, f: Attachment): Promise<void> {
  const api = session.api;
  if (!api || !ticketId || !f.id) return;
  const fileId = f.id;
  let url: string | null = null;
  await attempt(async () => {
    url = (await api.fileLink(ticketId, fileId)).url;
  });
  if (url) window.open(url, "_blank", "noopener");
}
