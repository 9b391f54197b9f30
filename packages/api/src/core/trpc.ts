/**
 * tRPC setup, top to bottom:
 *   1. context  — see context.ts (inner: plain data; outer: built from a request)
 *   2. initialization — superjson, and the one error formatter
 *   3. procedures — the building blocks routers use
 */
import { initTRPC } from "@trpc/server";
import type { Context } from "./context.ts";
import { dependencyFailure } from "./dependency-errors.ts";
import { formatError } from "./error-formatter.ts";
import { AppError } from "./errors.ts";
import { enforceRateLimit } from "./rate-limit.ts";
import { transformer } from "./transformer.ts";

// 2. initialization
const t = initTRPC.context<Context>().create({
  // superjson, keeping `__proto__` keys so strict inputs refuse them (transformer.ts).
  transformer,
  errorFormatter: ({ shape, error, ctx }) => formatError({ shape, error, ctx }),
  // Stack traces never leave the server, in development either: the server log has them.
  isDev: false,
});

export const router = t.router;
export const createCallerFactory = t.createCallerFactory;
export const middleware = t.middleware;

// 3. procedures

/**
 * Every procedure starts here: a database or rate-limit store that is down becomes 503 with Retry-After (ADR 010)
 * instead of a 500, over HTTP and through `createCaller` alike.
 */
const baseProcedure = t.procedure.use(async ({ next }) => {
  const result = await next();
  const unavailable = result.ok ? undefined : dependencyFailure(result.error);
  if (unavailable) throw unavailable;
  return result;
});

/**
 * No session required, but every call counts against the caller's IP. Counting happens per call, not per HTTP
 * request, so a batch of fifty calls costs fifty. Each procedure still decides what its caller may see.
 */
export const publicProcedure = baseProcedure.use(async ({ ctx, next }) => {
  await enforceRateLimit(ctx, "global_ip", ctx.client.ip ?? "unknown");
  return next();
});

/** A signed-in caller. `ctx.user` and `ctx.session` are non-null from here on. */
export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user || !ctx.session) throw new AppError("UNAUTHORIZED", "Sign in to continue");
  return next({ ctx: { ...ctx, user: ctx.user, session: ctx.session } });
});

/** A signed-in caller whose email is verified, when the deployment requires it (the default). */
export const verifiedProcedure = authedProcedure.use(({ ctx, next }) => {
  if (ctx.services.requireVerifiedEmail && !ctx.user.email_verified_at) {
    throw new AppError("EMAIL_NOT_VERIFIED", "Verify your email address first");
  }
  return next();
});

/** An admin with a verified email. */
export const adminProcedure = verifiedProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== "admin") throw new AppError("FORBIDDEN", "Admins only");
  return next();
});
