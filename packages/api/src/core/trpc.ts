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
const baseProcedure = t.procedure
  .use(async ({ next }) => {
    const result = await next();
    const unavailable = result.ok ? undefined : dependencyFailure(result.error);
    if (unavailable) throw unavailable;
    return result;
  })
  /**
   * API key callers (ADR 016): every call spends one point of the key's own limit, and the key's scopes are
   * checked against the procedure's type, not a list of names, so a new mutation is covered the day it is
   * written: a mutation (anything but a query) needs `write`, a query `read` or `write` (a key that may change
   * data may read what it changes). It runs before input parsing, so a key learns nothing about a procedure it
   * may not call.
   */
  .use(async ({ ctx, type, next }) => {
    if (!ctx.apiKey) return next();
    await enforceRateLimit(ctx, "api_key", ctx.apiKey.id);
    const needed = type === "query" ? "read" : "write";
    const { scopes } = ctx.apiKey;
    if (!(scopes.includes(needed) || (needed === "read" && scopes.includes("write")))) {
      throw new AppError("INSUFFICIENT_SCOPE", `This API key lacks the ${needed} scope`);
    }
    return next();
  });

/**
 * No session required, but every call counts against the caller's IP. Counting happens per call, not per HTTP
 * request, so a batch of fifty calls costs fifty. Each procedure still decides what its caller may see.
 */
export const publicProcedure = baseProcedure.use(async ({ ctx, next }) => {
  await enforceRateLimit(ctx, "global_ip", ctx.client.ip ?? "unknown");
  return next();
});

/**
 * A signed-in caller, by session or by API key. `ctx.user` is non-null from here on; `ctx.session` is null for a
 * key, so code that needs the session (sign-out, "your sessions") must use `sessionProcedure`.
 */
export const authedProcedure = publicProcedure.use(({ ctx, next }) => {
  if (!ctx.user) throw new AppError("UNAUTHORIZED", "Sign in to continue");
  return next({ ctx: { ...ctx, user: ctx.user } });
});

/**
 * Only for a signed-in browser or app session, never an API key: sign-out, the account's password, email and
 * sessions, and API key management, so a leaked key cannot mint keys, lock its owner out or outlive revocation.
 */
const requireSession = middleware(({ ctx, next }) => {
  if (ctx.apiKey) throw new AppError("API_KEY_NOT_ALLOWED", "This needs a signed-in session, not an API key");
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

/** A signed-in session (not an API key): `ctx.session` is non-null. */
export const sessionProcedure = authedProcedure.use(requireSession);

/** A signed-in session (not an API key) whose email is verified. */
export const verifiedSessionProcedure = verifiedProcedure.use(requireSession);

/** An admin with a verified email. */
export const adminProcedure = verifiedProcedure.use(({ ctx, next }) => {
  if (ctx.user.role !== "admin") throw new AppError("FORBIDDEN", "Admins only");
  return next();
});
