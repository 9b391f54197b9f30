import { readdirSync, readFileSync } from "node:fs";
import { createRequire } from "node:module";
import { dirname, join } from "node:path";
import { initTRPC, TRPCError } from "@trpc/server";
import { describe, expect, it } from "vitest";
import { z } from "zod";

// patches/@trpc__server@11.22.1.patch (ADRs 021, 029 and 032): tRPC's callRecursive copied its call options at every
// middleware layer with the transpiled `_objectSpread2` helper, about 3.7 µs a layer more than native spreads, and
// the output validator copied each result with it again (about 1.3 µs a call). Even native spreads of options
// whose shape varies by caller take V8's slow clone path, so the patch builds both in one fixed shape from the
// fields tRPC's types name, in the ESM build (the one `import` resolves). It also makes callRecursive, the output
// validator and the resolver layer plain functions that follow promises with one `then` (and do not await what
// answered synchronously) instead of an async frame and its awaits per layer. This fails when the patch no longer
// applies, e.g. after an upgrade: re-make the patch for the new version, or drop it if upstream has done the same.
const patchedSource = (marker: string): string => {
  const dist = dirname(createRequire(import.meta.url).resolve("@trpc/server"));
  const files = readdirSync(dist)
    .filter((name) => name.endsWith(".mjs"))
    .map((name) => readFileSync(join(dist, name), "utf8"))
    .filter((text) => text.includes(marker));
  expect(files).toHaveLength(1);
  return files[0] as string;
};
const bodyOf = (source: string, start: string): string => {
  const at = source.indexOf(start);
  return source.slice(at, source.indexOf("\nfunction ", at + 1));
};

describe("the @trpc/server patch", () => {
  it("is applied: callRecursive is a plain function and builds each layer's options in one fixed shape", () => {
    const source = patchedSource("function callRecursive(");
    expect(source).not.toContain("async function callRecursive(");
    const body = bodyOf(source, "function callRecursive(");
    expect(body).toContain("plinth-patch: the options built field by field");
    expect(body).toContain(".then(undefined, errorResult)");
    expect(body).not.toMatch(/_objectSpread2\(/);
  });

  it("is applied: the output validator and the resolver layer are plain functions", () => {
    const source = patchedSource("function createOutputMiddleware(");
    const output = bodyOf(source, "function createOutputMiddleware(");
    expect(output).toContain("plinth-patch: no async function per call");
    expect(output).toContain("function outputValidatorMiddleware(");
    expect(output).not.toContain("async function outputValidatorMiddleware(");
    expect(output).not.toMatch(/_objectSpread2\(/);
    expect(source).toContain("middlewares: [function resolveMiddleware(opts) {");
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

  it("answers and fails as before whether a layer answers at once, later, throws or rejects", async () => {
    const t = initTRPC.context<{ a: number }>().create();
    const call = (procedure: unknown) =>
      (procedure as (opts: unknown) => Promise<unknown>)({
        ctx: { a: 1 },
        type: "query",
        path: "p",
        getRawInput: async () => undefined,
        signal: undefined,
        batchIndex: 0,
      });
    const out = z.strictObject({ v: z.number() });
    // An output schema zod can only check asynchronously: its check answers with a promise.
    const slowOut = out.refine(async (value) => value.v >= 0);
    const throwsAtOnce = t.middleware(() => {
      throw new Error("middleware threw");
    });
    const rejects = t.middleware(async () => {
      throw new Error("middleware rejected");
    });
    const r = t.router({
      now: t.procedure.output(out).query(() => ({ v: 1 })),
      later: t.procedure.output(out).query(async () => ({ v: 2 })),
      // biome-ignore lint/suspicious/noThenProperty: a thenable result is the case under test
      thenable: t.procedure.query((): unknown => ({ then: (done: (v: number) => void) => done(3) })),
      slowCheck: t.procedure.output(slowOut).query(() => ({ v: 4 })),
      slowCheckFails: t.procedure.output(slowOut).query(() => ({ v: -1 })),
      throws: t.procedure.query((): number => {
        throw new Error("resolver threw");
      }),
      rejects: t.procedure.query(async (): Promise<number> => {
        throw new Error("resolver rejected");
      }),
      layerThrows: t.procedure.use(throwsAtOnce).query(() => 5),
      layerRejects: t.procedure.use(rejects).query(() => 6),
    });
    const p = r._def.procedures;
    await expect(call(p.now)).resolves.toEqual({ v: 1 });
    await expect(call(p.later)).resolves.toEqual({ v: 2 });
    // As `await` does, a thenable is followed.
    await expect(call(p.thenable)).resolves.toBe(3);
    await expect(call(p.slowCheck)).resolves.toEqual({ v: 4 });
    await expect(call(p.slowCheckFails)).rejects.toMatchObject({
      code: "INTERNAL_SERVER_ERROR",
      message: "Output validation failed",
    });
    for (const [procedure, message] of [
      [p.throws, "resolver threw"],
      [p.rejects, "resolver rejected"],
      [p.layerThrows, "middleware threw"],
      [p.layerRejects, "middleware rejected"],
    ] as const) {
      const error = await call(procedure).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(TRPCError);
      expect(error).toMatchObject({ code: "INTERNAL_SERVER_ERROR", message });
    }
    // A layer sees next()'s result, ok or not, as a promise it can await.
    const seen: unknown[] = [];
    const watch = t.middleware(async ({ next }) => {
      const pending = next();
      expect(pending).toBeInstanceOf(Promise);
      const result = await pending;
      seen.push(result.ok);
      return result;
    });
    const watched = t.router({
      ok: t.procedure.use(watch).query(() => 7),
      bad: t.procedure.use(watch).query((): number => {
        throw new Error("bad");
      }),
    });
    await expect(call(watched._def.procedures.ok)).resolves.toBe(7);
    await expect(call(watched._def.procedures.bad)).rejects.toThrow("bad");
    expect(seen).toEqual([true, false]);
  });
});
