// How many SMS segments a text costs: GSM-7 (160 chars alone, 153 per part) unless a character needs UCS-2 (70 / 67).
// Parts are packed as carriers do: an escape sequence or a surrogate pair is never split across two parts.
const GSM7 = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM7_EXT = "^{}\\[~]|€\f";

export function smsSegments(text: string): { encoding: "GSM-7" | "UCS-2"; units: number; segments: number } {
  const chars = [...text];
  const gsmCosts = chars.map((ch) => (GSM7.includes(ch) ? 1 : GSM7_EXT.includes(ch) ? 2 : 0));
  if (gsmCosts.every((c) => c > 0)) return { encoding: "GSM-7", ...pack(gsmCosts, 160, 153) };
  return {
    encoding: "UCS-2",
    ...pack(
      chars.map((ch) => ch.length),
      70,
      67,
    ),
  };
}

/** Units in total and the parts needed when each character's units must stay in one part. */
function pack(costs: number[], single: number, perPart: number): { units: number; segments: number } {
  const units = costs.reduce((sum, c) => sum + c, 0);
  if (units === 0) return { units, segments: 0 };
  if (units <= single) return { units, segments: 1 };
  let segments = 1;
  let used = 0;
  for (const cost of costs) {
    if (used + cost > perPart) {
      segments += 1;
      used = 0;
    }
    used += cost;
  }
  return { units, segments };
}
