// SIDEDESK_NOW=<ISO time> runs the extension tests as if it were then: Date is mocked to that instant in every test
// (timers stay real). Tests that install fake timers themselves set their own time. The start-up helper tests
// (test/scripts) measure real waiting, so they keep the real clock.
import { beforeEach, expect, vi } from "vitest";

const at = process.env.SIDEDESK_NOW;
if (at)
  beforeEach(() => {
    if (expect.getState().testPath?.includes("/test/extension/")) vi.setSystemTime(new Date(at));
  });
