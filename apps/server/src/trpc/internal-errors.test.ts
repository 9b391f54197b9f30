import { type Context, formatError } from "@plinth/api";
import { initTRPC } from "@trpc/server";
import superjson from "superjson";
import { describe, expect, it, vi } from "vitest";
import { z } from "zod";
import { useTestServer } from "../test/test-server.ts";

// A router with plinth's context and formatter, but procedures built to fail or stall on purpose.
const t = initTRPC
  .context<Context>()
  .create({ transformer: superjson, errorFormatter: formatError, isDev: false });
let release: () => void = () => {};
let slowStarted = false;
const router = t.router({
  boom: t.procedure.query(() => {
    throw new Error("connection to postgres://admin:hunter2@db.internal failed at /srv/app/secret.ts:12");
  }),
  badOutput: t.procedure
    .output(z.strictObject({ ok: z.literal(true) }))
    .query(() => ({ ok: false }) as never),
  echo: t.procedure.input(z.strictObject({ text: z.string() })).mutation(({ input }) => input.text),
  slow: t.procedure.query(
    () =>
      new Promise<string>((resolve) => {
        slowStarted = true;
        release = () => resolve("done");
      }),
  ),
});

const s = useTestServer({ router });

describe("internal errors never leak", () => {
  it("hides the message, the stack and the secret; logs the detail server-side", async () => {
    const res = await fetch(`${s.url}/trpc/boom`);
    const text = await res.text();
    expect(res.status).toBe(500);
    expect(text).not.toMatch(/hunter2|postgres:|secret\.ts|"stack"|\n\s+at /);
    const body = JSON.parse(text) as { error: { json: { message: string; data: Record<string, unknown> } } };
    expect(body.error.json.message).toBe("Internal server error");
    expect(body.error.json.data).toMatchObject({ appCode: "INTERNAL", httpStatus: 500 });
    const logged = s.logs.find((l) => l.msg === "procedure failed" && l.path === "boom");
    expect(JSON.stringify(logged)).toContain("hunter2");
    // The procedure's logger is the request's logger: the id is bound once, not once per layer.
    const raw = s.rawLogs.find((l) => l.includes('"procedure failed"')) ?? "";
    expect(raw.match(/"requestId":/g)).toHaveLength(1);
  });

  it("writes the request line of a 5xx at error, with the appCode and the procedure", async () => {
    const res = await fetch(`${s.url}/trpc/boom`, { headers: { "x-request-id": "log-test-5xx" } });
    expect(res.status).toBe(500);
    await expect
      .poll(() => s.logs.find((l) => l.msg === "request" && l.requestId === "log-test-5xx"), {
        timeout: 10_000,
      })
      .toMatchObject({
        level: 50,
        status: 500,
        procedures: ["boom"],
        appCodes: ["INTERNAL"],
        procedure: "boom",
        appCode: "INTERNAL",
      });
  });

  it("treats an output that breaks its contract as an internal error", async () => {
    const res = await fetch(`${s.url}/trpc/badOutput`);
    expect(res.status).toBe(500);
    expect(await res.text()).not.toContain("ok");
  });

  it("serves mutations over POST through @trpc/client-compatible bodies", async () => {
    const res = await fetch(`${s.url}/trpc/echo`, {
      method: "POST",
      headers: { "content-type": "application/json; charset=utf-8" },
      body: JSON.stringify({ json: { text: "hi" } }),
    });
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ result: { data: { json: "hi" } } });
    const viaGet = await fetch(
      `${s.url}/trpc/echo?input=${encodeURIComponent(JSON.stringify({ json: { text: "hi" } }))}`,
    );
    expect(viaGet.status).toBe(405);
  });
});

describe("graceful shutdown", () => {
  it("stops accepting, finishes the in-flight request, then closes the database", async () => {
    const inFlight = fetch(`${s.url}/trpc/slow`).then(async (r) => ({
      status: r.status,
      body: await r.json(),
    }));
    // Wait until the procedure is actually running before shutting down.
    await expect.poll(() => slowStarted, { timeout: 10_000 }).toBe(true);
    const destroy = vi.spyOn(s.db, "destroy");
    const closing = s.running.close();
    await new Promise((r) => setTimeout(r, 50));
    await expect(fetch(`${s.url}/healthz`)).rejects.toThrow();
    // Still draining: the database must stay open while a request needs it.
    expect(destroy).not.toHaveBeenCalled();
    release();
    expect(await inFlight).toEqual({ status: 200, body: { result: { data: { json: "done" } } } });
    await closing;
    expect(destroy).toHaveBeenCalledOnce();
    expect(s.logs.some((l) => l.msg === "shutdown complete")).toBe(true);
  });
});
