import type { Database, Session, User } from "@plinth/db";
import pino from "pino";
import {
  type Context,
  createContextInner,
  createRequestContext,
  type SessionTransport,
} from "../core/context.ts";
import { createTestServices, type Services } from "../core/services.ts";
import { createCallerFactory } from "../core/trpc.ts";
import { appRouter } from "../root.ts";

const createCaller = createCallerFactory(appRouter);

export interface TestCallerOptions {
  services: Services;
  session?: { session: Session; user: User; transport?: SessionTransport } | null;
  ip?: string;
  userAgent?: string;
  /** The known-device cookie the caller presents. */
  deviceToken?: string;
}

/** A context over plain data, and a caller over it: what tests use instead of HTTP. */
export function testContext(db: Database, opts: TestCallerOptions): Context {
  const session = opts.session ? { ...opts.session, transport: opts.session.transport ?? "cookie" } : null;
  return createContextInner({
    db,
    logger: pino({ level: "silent" }),
    services: opts.services,
    session,
    client: {
      ip: opts.ip ?? "192.0.2.10",
      userAgent: opts.userAgent ?? "vitest",
      deviceToken: opts.deviceToken ?? null,
    },
  });
}

/** A caller whose `.ctx` is the context it runs with (to read cookies it set, say). */
export function testCaller(db: Database, opts: TestCallerOptions) {
  return callerOver(testContext(db, opts));
}

/** A caller over a context built elsewhere (by `createRequestContext`, say), with `.ctx` as `testCaller` has. */
export function callerOver(ctx: Context) {
  const caller = createCaller(ctx);
  // tRPC's caller is itself a proxy that treats every property as a procedure path, so `ctx` is answered here.
  return new Proxy(caller, {
    get: (target, prop, receiver) => (prop === "ctx" ? ctx : Reflect.get(target, prop, receiver)),
  }) as typeof caller & { ctx: Context };
}

/** A caller exactly as the HTTP layer builds it from request headers (`Authorization`, `Cookie` ...). */
export async function requestCaller(
  db: Database,
  services: Services,
  headers: Record<string, string>,
  opts: { ip?: string } = {},
) {
  const ctx = await createRequestContext({
    db,
    logger: pino({ level: "silent" }),
    services,
    request: { requestId: crypto.randomUUID(), headers, ip: opts.ip ?? "192.0.2.10" },
  });
  return callerOver(ctx);
}

export { createTestServices };
