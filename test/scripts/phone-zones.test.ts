// The phone-prefix → time-zone data the worker bundles is exactly what the generator makes from libphonenumber's map.
import { readFileSync } from "node:fs";
import { describe, expect, it } from "vitest";
// @ts-expect-error plain JS generator
import { OUT, phoneZones } from "../../scripts/gen-phone-zones.mjs";

describe("phone time zones", () => {
  it("is current with the library's data (regenerate: node scripts/gen-phone-zones.mjs)", () => {
    const bundled = JSON.parse(readFileSync(OUT, "utf8")) as Record<string, string>;
    expect(bundled).toEqual(phoneZones());
    expect(bundled["1503"]).toBe("America/Los_Angeles");
    expect(bundled["1"]).toBeUndefined(); // +1 alone names no single clock
  });
});
