/**
 * tRPC setup, top to bottom:
 *   1. context  — see context.ts (inner: plain data; outer: built from a request)
 *   2. initialization — superjson, and the one error formatter
 *   3. procedures — the building blocks routers use
 */
import { initTRPC } from "@trpc/server";
import superjson from "superjson";
import type { Context } from "./context.ts";
import { formatError } from "./error-formatter.ts";

// 2. initialization
const t = initTRPC.context<Context>().create({
  transformer: superjson,
  errorFormatter: ({ shape, error, ctx }) => formatError({ shape, error, ctx }),
  // Stack traces never leave the server, in development either: the server log has them.
  isDev: false,
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const middleware = t.middleware;

// 3. procedures
/** No session required. Every procedure still decides what its caller may see (object-level authorization). */
export const publicProcedure = t.procedure;
