// How many SMS segments a text costs: GSM-7 (160/153 chars) unless a character needs UCS-2 (70/67).
const GSM7 = "@£$¥èéùìòÇ\nØø\rÅåΔ_ΦΓΛΩΠΨΣΘΞÆæßÉ !\"#¤%&'()*+,-./0123456789:;<=>?¡ABCDEFGHIJKLMNOPQRSTUVWXYZÄÖÑÜ§¿abcdefghijklmnopqrstuvwxyzäöñüà";
const GSM7_EXT = "^{}\\[~]|€\f";

export function smsSegments(text: string): { encoding: "GSM-7" | "UCS-2"; units: number; segments: number } {
  let gsmUnits = 0;
  let gsm = true;
  for (const ch of text) {
    if (GSM7.includes(ch)) gsmUnits += 1;
    else if (GSM7_EXT.includes(ch)) gsmUnits += 2;
    else { gsm = false; break; }
  }
  if (gsm) return { encoding: "GSM-7", units: gsmUnits, segments: gsmUnits === 0 ? 0 : gsmUnits <= 160 ? 1 : Math.ceil(gsmUnits / 153) };
  const units = text.length; // UTF-16 code units, as UCS-2 counts them
  return { encoding: "UCS-2", units, segments: units <= 70 ? 1 : Math.ceil(units / 67) };
}
