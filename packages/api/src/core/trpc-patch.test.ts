import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { initTRPC } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { z } from "zod";

// patches/@trpc__server@11.22.1.patch (ADRs 021 and 029): tRPC's callRecursive copies its call options at every
// middleware layer with the transpiled `_objectSpread2` helper, about 3.7 µs a layer more than native spreads, and
// the output validator copies each result with it again (about 1.3 µs a call). Even native spreads of options
// whose shape varies by caller take V8's slow clone path, so the patch builds both in one fixed shape from the
// fields tRPC's types name, in the ESM build (the one `import` resolves). This fails when it no longer applies,
// e.g. after an upgrade: re-make the patch for the new version, or drop it if upstream has fixed the copies.
describe("the @trpc/server patch", () => {
  it("is applied: callRecursive builds each layer's options in one fixed shape", () => {
    const dist = dirname(createRequire(import.meta.url).resolve("@trpc/server"));
    const files = readdirSync(dist)
      .filter((name) => name.endsWith(".mjs"))
      .map((name) => readFileSync(join(dist, name), "utf8"))
      .filter((text) => text.includes("async function callRecursive("));
    expect(files).toHaveLength(1);
    const source = files[0] as string;
    const start = source.indexOf("async function callRecursive(");
    const body = source.slice(start, source.indexOf("\nfunction ", start + 1));
    expect(body).toContain("plinth-patch: the options built field by field");
    expect(body).not.toMatch(/_objectSpread2\(/);
  });

  it("is applied: the output validator builds its result in one fixed shape", () => {
    const dist = dirname(createRequire(import.meta.url).resolve("@trpc/server"));
    const source = readdirSync(dist)
      .filter((name) => name.endsWith(".mjs"))
      .map((name) => readFileSync(join(dist, name), "utf8"))
      .find((text) => text.includes("function createOutputMiddleware("));
    expect(source).toBeDefined();
    const text = source as string;
    const start = text.indexOf("function createOutputMiddleware(");
    const body = text.slice(start, text.indexOf("\nfunction ", start + 1));
    expect(body).toContain("plinth-patch: the ok result built in one fixed shape");
    expect(body).not.toMatch(/_objectSpread2\(/);
  });

  it("still gives every layer tRPC's documented options, merges ctx, and passes input and results through", async () => {
    const t = initTRPC.context<{ a: number }>().meta<{ tag: string }>().create();
    const seen: Record<string, unknown>[] = [];
    const record = t.middleware(async (opts) => {
      const { next, ...rest } = opts;
      seen.push(rest);
      return next({ ctx: { b: 2 } });
    });
    const second = t.middleware(async (opts) => {
      const { next, ...rest } = opts;
      seen.push(rest);
      return next();
    });
    const router = t.router({
      echo: t.procedure
        .meta({ tag: "echo" })
        .use(record)
        .use(second)
        .input(z.strictObject({ n: z.number() }))
        .output(z.strictObject({ n: z.number(), a: z.number(), b: z.number() }))
        .query(({ input, ctx }) => ({ n: input.n, a: ctx.a, b: (ctx as { b?: number }).b ?? -1 })),
    });
    const signal = new AbortController().signal;
    const procedure = router._def.procedures.echo as unknown as (opts: unknown) => Promise<unknown>;
    const data = await procedure({
      ctx: { a: 1 },
      type: "query",
      path: "echo",
      getRawInput: async () => ({ n: 7 }),
      signal,
      batchIndex: 3,
    });
    expect(data).toEqual({ n: 7, a: 1, b: 2 });
    expect(seen).toHaveLength(2);
    const keys = ["batchIndex", "ctx", "getRawInput", "input", "meta", "path", "signal", "type"];
    for (const layer of seen) {
      expect(Object.keys(layer).sort()).toEqual(keys);
      expect(layer).toMatchObject({ type: "query", path: "echo", meta: { tag: "echo" }, batchIndex: 3 });
      expect(layer.signal).toBe(signal);
    }
    expect(seen[0]?.ctx).toEqual({ a: 1 });
    expect(seen[1]?.ctx).toEqual({ a: 1, b: 2 });
    // A failing output check is still tRPC's 500, not a result.
    const broken = t.router({
      bad: t.procedure
        .output(z.strictObject({ n: z.number() }))
        .query(() => ({ n: "x" }) as unknown as { n: number }),
    });
    const bad = broken._def.procedures.bad as unknown as (opts: unknown) => Promise<unknown>;
    await expect(
      bad({
        ctx: { a: 1 },
        type: "query",
        path: "bad",
        getRawInput: async () => undefined,
        signal,
        batchIndex: 0,
      }),
    ).rejects.toMatchObject({ code: "INTERNAL_SERVER_ERROR", message: "Output validation failed" });
  });
});
