// The ticket object's timers, declared in one place: each kind has a name (the whole key, or the part before ":"), a
// payload schema and a handler. The flusher runs due timers through this registry — no prefix matching, no special
// cases — and a new kind (SLA, rules, scheduled send…) is one `define` call.
import type { ZodType } from "zod";
import type { Env } from "../env";
import type { TicketStore } from "./ticket-store";
import type { TicketWriter } from "./ticket-writer";

/** What a timer handler outside the object class works with: the object's storage, writer and D1 shard. */
export interface TicketKernel {
  env: Env;
  ctx: DurableObjectState;
  store: TicketStore;
  writer: TicketWriter;
  shard: (workspaceId: string) => D1Database;
}

export interface TimerKind<P> {
  payload: ZodType<P>;
  /** Must clear or re-schedule its own timer row. */
  run: (key: string, payload: P) => Promise<void> | void;
}

export const timerName = (key: string): string => key.split(":", 1)[0] ?? key;

export class TimerRegistry {
  private readonly kinds = new Map<string, TimerKind<unknown>>();

  define<P>(name: string, kind: TimerKind<P>): void {
    if (this.kinds.has(name)) throw new Error(`timer kind ${name} defined twice`);
    this.kinds.set(name, kind as TimerKind<unknown>);
  }

  /** Runs a due timer. Returns "unknown" when no kind has its name and "invalid" when its payload does not parse. */
  async run(key: string, payload: unknown): Promise<"ran" | "unknown" | "invalid"> {
    const kind = this.kinds.get(timerName(key));
    if (!kind) return "unknown";
    const parsed = kind.payload.safeParse(payload);
    if (!parsed.success) return "invalid";
    await kind.run(key, parsed.data);
    return "ran";
  }
}
