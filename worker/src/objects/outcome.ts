// Results crossing the Durable Object RPC boundary (custom error classes do not survive it).
export type Outcome<T> = { ok: true; value: T } | { ok: false; status: number; code: string; message: string };
export interface Actor {
  id: string;
  name: string;
}

export const ok = <T>(value: T): Outcome<T> => ({ ok: true, value });
export const fail = <T = never>(status: number, code: string, message: string): Outcome<T> => ({ ok: false, status, code, message });

/** A change to a ticket: the PATCH fields, plus relative tag/follower edits used by bulk actions. */
export interface TicketEdit {
  assigneeId?: string | null;
  followers?: string[];
  tags?: string[];
  description?: string;
  favorite?: boolean;
  addTags?: string[];
  removeTags?: string[];
  addFollowers?: string[];
  removeFollowers?: string[];
}
