import {
  checkPassword,
  createSession,
  PASSWORD_MAX_LENGTH,
  PASSWORD_MIN_LENGTH,
  serializeSessionCookie,
} from "@plinth/auth";
import type { DB, User } from "@plinth/db";
import type { Kysely, Transaction } from "kysely";
import type { Context } from "../context.ts";
import { AppError } from "../errors.ts";

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
  db: Kysely<DB> | Transaction<DB>,
  user: User,
  transport: "cookie" | "bearer",
): Promise<IssuedSession> {
  const meta = { userAgent: ctx.client.userAgent, ip: ctx.client.ip };
  const { token, session } = await createSession(db, user.id, meta, ctx.services.clock);
  if (transport === "bearer") return { sessionToken: token, expiresAt: session.expires_at };
  ctx.response.setCookies.push(serializeSessionCookie(token, session.expires_at, ctx.services.cookie));
  return { expiresAt: session.expires_at };
}
