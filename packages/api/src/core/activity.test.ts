import { describe, expect, it } from "vitest";
import { diff } from "./activity.ts";

describe("diff", () => {
  it("keeps only the fields whose values changed, before and after", () => {
    expect(diff({ a: 1, b: "x", c: null }, { a: 1, b: "y", c: "z" })).toEqual({
      before: { b: "x", c: null },
      after: { b: "y", c: "z" },
    });
  });

  it("is undefined when nothing changed, so no activity row claims a change", () => {
    expect(diff({ a: 1, b: null }, { a: 1, b: null })).toBeUndefined();
  });
});
