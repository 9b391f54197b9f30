import { issueOneTimeToken } from "@plinth/auth";
import type { DB, Session, TokenPurpose, User } from "@plinth/db";
import type { Transaction } from "kysely";
import type { Context } from "../../core/context.ts";
import type { EmailMessage } from "../../core/email/messages.ts";
import { queueEmail } from "../../core/email/queue-email.ts";
import { AppError } from "../../core/errors.ts";

// What every identity service takes. The tRPC context satisfies both, and so does what a job builds from its
// payload: services never see a request, a response or a cookie.

/** The collaborators a service uses. */
export type IdentityDeps = Pick<Context, "db" | "services">;

/** Who is asking, and from where: for rate limits and audit rows. Signed out: `user` and `session` are null. */
export type Requester = Pick<Context, "client" | "requestId" | "user" | "session">;

/** A signed-in requester, by session or API key. */
export type SignedInRequester = Requester & { user: User };

/** A requester signed in with a session (`sessionProcedure`): what account management needs. */
export type AccountHolder = Requester & { user: User; session: Session };

export const invalidToken = () => new AppError("INVALID_TOKEN", "This link is invalid or has expired");

export const emailTaken = (path = "email") =>
  new AppError("EMAIL_TAKEN", "An account with this email already exists", {
    details: [{ path, message: "Already registered" }],
  });

/** Issues a single-use token and queues the email that carries it, both in the caller's transaction. */
export async function mailOneTimeToken(
  deps: Pick<IdentityDeps, "services">,
  trx: Transaction<DB>,
  opts: { userId: string; purpose: TokenPurpose; email: string; compose: (token: string) => EmailMessage },
): Promise<void> {
  const token = await issueOneTimeToken(trx, {
    userId: opts.userId,
    purpose: opts.purpose,
    email: opts.email,
    clock: deps.services.clock,
  });
  await queueEmail(deps, trx, opts.compose(token));
}
