import { describe, expect, it } from "vitest";
import { createManualClock, systemClock } from "./clock.ts";

describe("clocks", () => {
  it("a manual clock stands still until moved", () => {
    const clock = createManualClock(new Date("2030-01-01T00:00:00.000Z"));
    expect(clock.now().toISOString()).toBe("2030-01-01T00:00:00.000Z");
    clock.advance(1500);
    expect(clock.now().toISOString()).toBe("2030-01-01T00:00:01.500Z");
    clock.set(new Date("2031-06-01T00:00:00.000Z"));
    expect(clock.now().toISOString()).toBe("2031-06-01T00:00:00.000Z");
  });

  it("hands out copies, so mutating one does not move the clock", () => {
    const clock = createManualClock(new Date(0));
    clock.now().setTime(42);
    expect(clock.now().getTime()).toBe(0);
  });

  it("the system clock reads the real time", () => {
    const before = Date.now();
    const now = systemClock.now().getTime();
    expect(now).toBeGreaterThanOrEqual(before);
    expect(now).toBeLessThanOrEqual(Date.now());
  });
});
