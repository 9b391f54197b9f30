/**
 * tRPC setup, top to bottom:
 *   1. context  — see context.ts (inner: plain data; outer: built from a request)
 *   2. initialization — superjson, and the one error formatter
 *   3. procedures — the building blocks routers use
 */
import { PasswordWaitAbandonedError } from "@plinth/auth";
import type { Session, User } from "@plinth/db";
import { initTRPC, TRPCError } from "@trpc/server";
import type { MiddlewareResult } from "@trpc/server/unstable-core-do-not-import";
import type { Context } from "./context.ts";
import { dependencyFailure } from "./dependency-errors.ts";
import { formatError } from "./error-formatter.ts";
import { AppError } from "./errors.ts";
import { enforceRateLimit } from "./rate-limit.ts";
import { transformer } from "./transformer.ts";

/** What a procedure may declare about itself (`.meta({ … })`). */
export interface ProcedureMeta {
  /**
   * The procedure reads `signal` (to stop work when its caller leaves). plinth's procedures say `false` by default:
   * the HTTP transports then skip making an AbortSignal, which costs several µs per call. Set `true` on a
   * procedure that reads it, or it gets `undefined`.
   */
  abortSignal?: boolean;
}

// 2. initialization
const t = initTRPC
  .context<Context>()
  .meta<ProcedureMeta>()
  .create({
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
//
// Each exported procedure is `t.procedure` with ONE middleware (`guarded`) that runs every check its level needs,
// in a fixed order. tRPC copies its call options at every middleware layer and the whole context at every
// `next({ ctx })`, so chained `.use()` layers and `{ ...ctx, user }` spreads cost real time on every call
// (docs/decisions/021-fast-path.md). The checks narrow the context's type (`user` non-null, …) without copying it:
// the object a procedure sees is the one the transport built.
//
// The general per-IP flood limit (`global_ip`) is not here: the transports spend it once per call of each HTTP
// request (`enforceFloodLimit`, rate-limit.ts), before any procedure runs. In-process callers (`createCaller`:
// tests, scripts) are not flood-limited.

/** What a level guarantees to the procedures built on it, as a type only (nothing is copied at run time). */
type Narrowed<T> = Promise<MiddlewareResult<T>>;

type Check = (ctx: Context) => void;

/**
 * API key callers (ADR 016): every call spends one point of the key's own limit, and the key's scopes are checked
 * against the procedure's type, not a list of names, so a new mutation is covered the day it is written: a
 * mutation (anything but a query) needs `write`, a query `read` or `write` (a key that may change data may read
 * what it changes). It runs before input parsing, so a key learns nothing about a procedure it may not call.
 */
async function checkApiKey(ctx: Context, type: string): Promise<void> {
  if (!ctx.apiKey) return;
  await enforceRateLimit(ctx, "api_key", ctx.apiKey.id);
  const needed = type === "query" ? "read" : "write";
  const { scopes } = ctx.apiKey;
  if (!(scopes.includes(needed) || (needed === "read" && scopes.includes("write")))) {
    throw new AppError("INSUFFICIENT_SCOPE", `This API key lacks the ${needed} scope`);
  }
}

/** `ctx.user` is non-null from here on (a session or an API key). */
const requireUser: Check = (ctx) => {
  if (!ctx.user) throw new AppError("UNAUTHORIZED", "Sign in to continue");
};

/** The deployment requires verified email addresses (the default). */
const requireVerified: Check = (ctx) => {
  if (ctx.services.requireVerifiedEmail && !ctx.user?.email_verified_at) {
    throw new AppError("EMAIL_NOT_VERIFIED", "Verify your email address first");
  }
};

/**
 * Only for a signed-in browser or app session, never an API key: sign-out, the account's password, email and
 * sessions, and API key management, so a leaked key cannot mint keys, lock its owner out or outlive revocation.
 */
const requireSession: Check = (ctx) => {
  if (ctx.apiKey) throw new AppError("API_KEY_NOT_ALLOWED", "This needs a signed-in session, not an API key");
  if (!ctx.user || !ctx.session) throw new AppError("UNAUTHORIZED", "Sign in to continue");
};

const requireAdmin: Check = (ctx) => {
  if (ctx.user?.role !== "admin") throw new AppError("FORBIDDEN", "Admins only");
};

/** Where every plinth procedure starts: no AbortSignal unless the procedure asks for one (ProcedureMeta). */
const procedure = t.procedure.meta({ abortSignal: false });

/**
 * A call that failed because a dependency is down answers 503 (ADR 010); one whose caller left while it waited for
 * the password queue is CLIENT_CLOSED_REQUEST, as the transports report any call whose client has gone (not a
 * fault, so not an INTERNAL_SERVER_ERROR in the log). Any other result passes unchanged.
 */
function unavailableAs503<T>(result: MiddlewareResult<T>): MiddlewareResult<T> {
  if (result.ok) return result;
  const unavailable = dependencyFailure(result.error);
  if (unavailable) throw unavailable;
  if (result.error.cause instanceof PasswordWaitAbandonedError) {
    throw new TRPCError({
      code: "CLIENT_CLOSED_REQUEST",
      message: "The caller left",
      cause: result.error.cause,
    });
  }
  return result;
}

/** Runs a level's checks; a dependency that is down while checking is its 503 too. */
function runChecks(checks: readonly Check[], ctx: Context): void {
  try {
    for (const check of checks) check(ctx);
  } catch (error) {
    throw dependencyFailure(error) ?? error;
  }
}

/**
 * The one middleware of a level: the API key's limit and scope, then `checks` in order, then the procedure. A
 * database or rate-limit store that is down becomes 503 with Retry-After (ADR 010) instead of a 500, whether it
 * failed in a check or in the procedure, over HTTP and through `createCaller` alike.
 *
 * Not an async function: without an API key the checks are synchronous, and the call's promise is followed with
 * one `then` instead of an async frame and its awaits (docs/decisions/032-procedure-calls-without-async-frames.md).
 * The checks guarantee what TNarrowed says; the context object itself is passed on unchanged.
 */
function guarded<TNarrowed extends object>(checks: readonly Check[]) {
  return middleware(({ ctx, type, next }): Narrowed<TNarrowed> => {
    if (ctx.apiKey) {
      return checkApiKey(ctx, type).then(
        () => {
          runChecks(checks, ctx);
          return next().then(unavailableAs503) as Narrowed<TNarrowed>;
        },
        (error: unknown) => {
          throw dependencyFailure(error) ?? error;
        },
      );
    }
    runChecks(checks, ctx);
    return next().then(unavailableAs503) as Narrowed<TNarrowed>;
  });
}

type WithUser = { user: User };
type WithSession = { user: User; session: Session };

/** No session required. Each procedure still decides what its caller may see. */
export const publicProcedure = procedure.use(guarded<object>([]));

/**
 * A signed-in caller, by session or by API key. `ctx.user` is non-null from here on; `ctx.session` is null for a
 * key, so code that needs the session (sign-out, "your sessions") must use `sessionProcedure`.
 */
export const authedProcedure = procedure.use(guarded<WithUser>([requireUser]));

/** A signed-in caller whose email is verified, when the deployment requires it (the default). */
export const verifiedProcedure = procedure.use(guarded<WithUser>([requireUser, requireVerified]));

/** A signed-in session (not an API key): `ctx.session` is non-null. */
export const sessionProcedure = procedure.use(guarded<WithSession>([requireUser, requireSession]));

/** A signed-in session (not an API key) whose email is verified. */
export const verifiedSessionProcedure = procedure.use(
  guarded<WithSession>([requireUser, requireVerified, requireSession]),
);

/** An admin with a verified email. */
export const adminProcedure = procedure.use(guarded<WithUser>([requireUser, requireVerified, requireAdmin]));
