import { describe, expect, it } from "vitest";
import { parseEnv } from "../env.ts";
import { heapGrowthFlag } from "./heap-growth.ts";

describe("heap growth (ADR 027)", () => {
  it("caps V8's old-generation growth at 50 % by default, and 0 leaves V8's own factor", () => {
    expect(parseEnv({}).HEAP_GROWING_PERCENT).toBe(50);
    expect(heapGrowthFlag(50, [])).toBe("--heap-growing-percent=50");
    expect(heapGrowthFlag(120, ["--enable-source-maps", "--max-old-space-size=512"])).toBe(
      "--heap-growing-percent=120",
    );
    expect(heapGrowthFlag(0, [])).toBeUndefined();
  });

  it("leaves a value the operator gave node itself alone", () => {
    expect(heapGrowthFlag(50, ["--heap-growing-percent=200"])).toBeUndefined();
    expect(heapGrowthFlag(50, ["--enable-source-maps", "--heap_growing_percent=80"])).toBeUndefined();
  });

  it("refuses a value V8 would misread, by name", () => {
    expect(() => parseEnv({ HEAP_GROWING_PERCENT: "-5" })).toThrow(/HEAP_GROWING_PERCENT/);
    expect(() => parseEnv({ HEAP_GROWING_PERCENT: "lots" })).toThrow(/HEAP_GROWING_PERCENT/);
  });
});
