// SMS segment counting: GSM-7 (160 alone, 153 per part), extension characters count double, UCS-2 (70 / 67).
import { describe, expect, it } from "vitest";
import { smsSegments } from "../../shared/rules/sms-segments";

const a = (n: number) => "a".repeat(n);

describe("smsSegments", () => {
  it.each([
    // [label, text, encoding, units, segments]
    ["empty", "", "GSM-7", 0, 0],
    ["one char", "a", "GSM-7", 1, 1],
    ["160 GSM chars", a(160), "GSM-7", 160, 1],
    ["161 GSM chars", a(161), "GSM-7", 161, 2],
    ["306 GSM chars", a(306), "GSM-7", 306, 2],
    ["307 GSM chars", a(307), "GSM-7", 307, 3],
    ["GSM accents stay GSM-7", "Café à Zürich? ¿Señor? £5 ¥3 §", "GSM-7", 30, 1],
    ["€ is an extension char (2 units)", "€", "GSM-7", 2, 1],
    ["158 + one extension char fits", `${a(158)}€`, "GSM-7", 160, 1],
    ["159 + one extension char does not", `${a(159)}€`, "GSM-7", 161, 2],
    ["every extension char counts double", "^{}\\[~]|€", "GSM-7", 18, 1],
    ["newlines are GSM", "line1\nline2\r", "GSM-7", 12, 1],
    // An escape sequence is never split across parts: 152 + "€" would straddle 153, so the part ends early.
    ["extension char at a part boundary", `${a(152)}€${a(152)}`, "GSM-7", 306, 3],
    ["one UCS-2 char", "ç", "UCS-2", 1, 1], // lowercase ç is not in GSM-7 (only Ç is)
    ["70 UCS-2 units", "д".repeat(70), "UCS-2", 70, 1],
    ["71 UCS-2 units", "д".repeat(71), "UCS-2", 71, 2],
    ["134 UCS-2 units", "д".repeat(134), "UCS-2", 134, 2],
    ["135 UCS-2 units", "д".repeat(135), "UCS-2", 135, 3],
    ["an emoji makes the whole text UCS-2", `${a(69)}🙂`, "UCS-2", 71, 2],
    ["emoji are two units each", "🙂".repeat(35), "UCS-2", 70, 1],
    // A surrogate pair is never split: 66 units then an emoji would straddle 67.
    ["emoji at a part boundary", `${"д".repeat(66)}🙂${"д".repeat(66)}`, "UCS-2", 134, 3],
    ["curly quotes are not GSM", "It’s here", "UCS-2", 9, 1],
  ] as const)("%s", (_label, text, encoding, units, segments) => {
    expect(smsSegments(text)).toEqual({ encoding, units, segments });
  });
});
