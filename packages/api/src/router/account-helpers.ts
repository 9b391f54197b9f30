import {
  checkPassword,
  createSession,
  issueOneTimeToken,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  serializeSessionCookie,
  verifyPassword,
} from "@plinth/auth";
import type { DB, Executor, TokenPurpose, User } from "@plinth/db";
import type { Transaction } from "kysely";
import type { Context } from "../context.ts";
import type { EmailMessage } from "../email/messages.ts";
import { queueEmail } from "../email/queue-email.ts";
import { AppError } from "../errors.ts";
import { enforceRateLimit } from "../rate-limit.ts";

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
  await enforceRateLimit(ctx, "login_account", ctx.user.id);
  if (!ctx.user.password_hash || !(await verifyPassword(ctx.user.password_hash, password))) {
    throw new AppError("INVALID_CREDENTIALS", "Current password is incorrect", {
      details: [{ path: "currentPassword", message: "Incorrect" }],
    });
  }
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
