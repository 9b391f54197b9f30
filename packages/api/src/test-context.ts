import type { Database } from "@plinth/db";
import pino from "pino";
import { type Context, createContextInner } from "./context.ts";
import { appRouter } from "./root.ts";
import { createCallerFactory } from "./trpc.ts";

/** A caller over plain data: what tests use instead of HTTP. */
export function testCaller(db: Database, overrides: Partial<Context> = {}) {
  const ctx = { ...createContextInner({ db, logger: pino({ level: "silent" }) }), ...overrides };
  return createCallerFactory(appRouter)(ctx);
}
