import {
  checkPassword,
  createSession,
  deviceKey,
  isKnownDevice,
  issueOneTimeToken,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  rememberDevice,
  serializeDeviceCookie,
  serializeSessionCookie,
  verifyPassword,
} from "@plinth/auth";
import { type DB, type Executor, type TokenPurpose, type User, users } from "@plinth/db";
import type { Transaction } from "kysely";
import type { Context } from "../../core/context.ts";
import type { EmailMessage } from "../../core/email/messages.ts";
import { queueEmail } from "../../core/email/queue-email.ts";
import { AppError } from "../../core/errors.ts";
import { accountKey, enforceRateLimit } from "../../core/rate-limit.ts";

/** What a signed-in user sees of their own account. */
export interface Me {
  id: string;
  email: string;
  name: string;
  role: User["role"];
  emailVerified: boolean;
  createdAt: Date;
}

export const toMe = (u: User): Me => ({
  id: u.id,
  email: u.email,
  name: u.name,
  role: u.role,
  emailVerified: u.email_verified_at !== null,
  createdAt: u.created_at,
});

const problems = {
  TOO_SHORT: `Use at least ${PASSWORD_MIN_LENGTH} characters`,
  TOO_LONG: `Use at most ${PASSWORD_MAX_LENGTH} characters`,
  TOO_COMMON: "This password is too common; choose another",
} as const;

/** Length (8–256 code points, checked exactly as typed) and the common-password list; no composition rules. */
export function assertAcceptablePassword(
  password: string,
  context: { email?: string; name?: string },
  field = "password",
): void {
  const problem = checkPassword(password, context);
  if (problem)
    throw new AppError("WEAK_PASSWORD", problems[problem], {
      details: [{ path: field, message: problems[problem] }],
    });
}

export interface IssuedSession {
  /** Only for `sessionTransport: "bearer"`; browsers get an HttpOnly cookie instead and never see the token. */
  sessionToken?: string;
  expiresAt: Date;
}

/** A brand-new session every time (a planted token gains nothing), delivered the way the caller asked. */
export async function issueSession(
  ctx: Context,
  db: Executor,
  user: User,
  transport: "cookie" | "bearer",
): Promise<IssuedSession> {
  const meta = { userAgent: ctx.client.userAgent, ip: ctx.client.ip };
  const { token, session } = await createSession(db, user.id, meta, ctx.services.clock);
  if (transport === "bearer") return { sessionToken: token, expiresAt: session.expires_at };
  ctx.response.setCookies.push(serializeSessionCookie(token, session.expires_at, ctx.services.cookie));
  return { expiresAt: session.expires_at };
}

/**
 * Re-authentication for sensitive changes: the signed-in user's current password, rate-limited like a login so a
 * stolen session cannot guess it.
 */
export async function assertCurrentPassword(ctx: Context & { user: User }, password: string): Promise<void> {
  await enforceRateLimit(ctx, "reauth_account", ctx.user.id);
  if (!ctx.user.password_hash || !(await verifyPassword(ctx.user.password_hash, password))) {
    throw new AppError("INVALID_CREDENTIALS", "Current password is incorrect", {
      details: [{ path: "currentPassword", message: "Incorrect" }],
    });
  }
  await ctx.services.rateLimiter.reward("reauth_account", ctx.user.id);
}

/** What a sign-in attempt spent, so a success can give it back (ADR 008). */
export interface SignInBudget {
  knownDevice: boolean;
  /** The password was right: failures are what the rules count, so this attempt's points are returned. */
  succeeded(): Promise<void>;
}

/**
 * Spends a sign-in attempt before any argon2 work, or throws TOO_MANY_REQUESTS (ADR 008). Points are spent up
 * front and returned on success, so the rules count failures and parallel guesses are counted as they arrive.
 * Every attempt counts per IP. A known device of the account then counts per device only; any other client
 * counts per account-and-IP (tight) and per account (loose), so failures from other IPs never stop a known
 * device, and failures from other IPs stop a new one only at the loose limit.
 */
export async function spendSignInAttempt(
  ctx: Context,
  opts: { email: string; deviceToken: string | null },
): Promise<SignInBudget & { user: User | undefined }> {
  const ip = ctx.client.ip ?? "unknown";
  const account = accountKey(opts.email);
  const limiter = ctx.services.rateLimiter;
  await enforceRateLimit(ctx, "login_ip", ip);
  const user = await users.findUserByEmail(ctx.db, opts.email);
  const token = opts.deviceToken;
  if (user && token && (await isKnownDevice(ctx.db, { userId: user.id, token, clock: ctx.services.clock }))) {
    const device = deviceKey(user.id, token);
    await enforceRateLimit(ctx, "login_device", device);
    return {
      user,
      knownDevice: true,
      succeeded: async () => {
        await limiter.reward("login_ip", ip);
        await limiter.reset("login_device", device);
      },
    };
  }
  const accountIp = `${account}|${ip}`;
  // This order matters: calls already held at one IP never reach the account's count, so a single IP cannot
  // spend the loose per-account budget that holds new devices out.
  await enforceRateLimit(ctx, "login_account_ip", accountIp);
  await enforceRateLimit(ctx, "login_account", account);
  return {
    user,
    knownDevice: false,
    succeeded: async () => {
      await limiter.reward("login_ip", ip);
      await limiter.reset("login_account_ip", accountIp);
      await limiter.reward("login_account", account);
    },
  };
}

/**
 * Marks the client as a known device of the account after a successful sign-in: a cookie for browsers, the
 * token in the response for bearer clients (who send it back as `deviceToken`).
 */
export async function rememberThisDevice(
  ctx: Context,
  db: Executor,
  opts: { user: User; presented: string | null; known: boolean; transport: "cookie" | "bearer" },
): Promise<{ deviceToken?: string }> {
  const device = await rememberDevice(db, {
    userId: opts.user.id,
    presented: opts.presented,
    known: opts.known,
    clock: ctx.services.clock,
  });
  if (opts.transport === "bearer") return { deviceToken: device.token };
  ctx.response.setCookies.push(serializeDeviceCookie(device.token, device.expiresAt, ctx.services.cookie));
  return {};
}

/** Issues a single-use token and queues the email that carries it, both in the caller's transaction. */
export async function mailOneTimeToken(
  ctx: Context,
  trx: Transaction<DB>,
  opts: { userId: string; purpose: TokenPurpose; email: string; compose: (token: string) => EmailMessage },
): Promise<void> {
  const token = await issueOneTimeToken(trx, {
    userId: opts.userId,
    purpose: opts.purpose,
    email: opts.email,
    clock: ctx.services.clock,
  });
  await queueEmail(ctx, trx, opts.compose(token));
}
