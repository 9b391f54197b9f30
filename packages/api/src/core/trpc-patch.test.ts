import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { describe, expect, it } from "vitest";

// patches/@trpc__server@11.22.1.patch (ADR 021): tRPC's callRecursive copies its call options at every middleware
// layer with the transpiled `_objectSpread2` helper, about 3.7 µs a layer more than native spreads, and the output
// validator copies each result with it again (about 1.3 µs a call). The patch swaps in native spreads in the ESM
// build (the one `import` resolves). This fails when it no longer applies,
// e.g. after an upgrade: re-make the patch for the new version, or drop it if upstream has fixed the copies.
describe("the @trpc/server patch", () => {
  it("is applied: callRecursive uses native object spreads", () => {
    const dist = dirname(createRequire(import.meta.url).resolve("@trpc/server"));
    const files = readdirSync(dist)
      .filter((name) => name.endsWith(".mjs"))
      .map((name) => readFileSync(join(dist, name), "utf8"))
      .filter((text) => text.includes("async function callRecursive("));
    expect(files).toHaveLength(1);
    const source = files[0] as string;
    const start = source.indexOf("async function callRecursive(");
    const body = source.slice(start, source.indexOf("\nfunction ", start + 1));
    expect(body).toContain("plinth-patch: native object spreads");
    expect(body).not.toMatch(/_objectSpread2\(/);
  });

  it("is applied: the output validator copies its result with a native spread", () => {
    const dist = dirname(createRequire(import.meta.url).resolve("@trpc/server"));
    const source = readdirSync(dist)
      .filter((name) => name.endsWith(".mjs"))
      .map((name) => readFileSync(join(dist, name), "utf8"))
      .find((text) => text.includes("function createOutputMiddleware("));
    expect(source).toBeDefined();
    const text = source as string;
    const start = text.indexOf("function createOutputMiddleware(");
    const body = text.slice(start, text.indexOf("\nfunction ", start + 1));
    expect(body).toContain("plinth-patch: native object spread");
    expect(body).not.toMatch(/_objectSpread2\(/);
  });
});
