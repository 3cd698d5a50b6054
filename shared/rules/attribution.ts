// SMS attribution (docs/api.md §6.4 Attribution): an inbound reply within the window after a flow/campaign
// message is attributed to it — only the first reply of a run.
export interface MarketingSend {
  type: "flow" | "campaign";
  name: string;
  at: Date;
  seq: number;
}

export function attributeReply(
  lastSend: MarketingSend | null,
  lastAttributedSeq: number | null,
  now: Date,
  windowHours: number,
): { type: "flow" | "campaign"; name: string } | null {
  if (!lastSend) return null;
  if (lastAttributedSeq !== null && lastAttributedSeq >= lastSend.seq) return null; // a reply in this run was already attributed
  if (now.getTime() - lastSend.at.getTime() > windowHours * 3600_000) return null;
  return { type: lastSend.type, name: lastSend.name };
}
