import {
  consumeOneTimeToken,
  findOneTimeToken,
  forgetDevices,
  invalidateUserSessions,
  voidOneTimeTokens,
} from "@plinth/auth";
import { apiKeys, isUniqueViolation, users } from "@plinth/db";
import { recordAudit } from "../../core/audit.ts";
import { emailChangedEmail, passwordChangedEmail, verificationEmail } from "../../core/email/messages.ts";
import { queueEmail } from "../../core/email/queue-email.ts";
import { accountKey, enforceRateLimit, refundIfRefused } from "../../core/rate-limit.ts";
import { assertAcceptablePassword } from "./identity.policy.ts";
import { type Me, toMe } from "./identity.schemas.ts";
import {
  emailTaken,
  type IdentityDeps,
  invalidToken,
  mailOneTimeToken,
  type Requester,
  type SignedInRequester,
} from "./identity.service.ts";

// The emailed single-use links: verification, password reset and email change.

export async function verifyEmail(
  deps: IdentityDeps,
  requester: Requester,
  input: { token: string },
): Promise<{ user: Me }> {
  await enforceRateLimit(deps, "verify_email_ip", requester.client.ip ?? "unknown");
  return deps.db.transaction().execute(async (trx) => {
    const used = await consumeOneTimeToken(trx, {
      token: input.token,
      purpose: "email_verification",
      clock: deps.services.clock,
    });
    if (!used) throw invalidToken();
    const user = await users.findUserById(trx, used.userId);
    // The token verifies the address it was sent to; if the account's email changed since, it proves nothing.
    if (!user || !used.email || user.email.toLowerCase() !== used.email.toLowerCase()) throw invalidToken();
    const verified = user.email_verified_at
      ? user
      : await users.updateUser(trx, user.id, { email_verified_at: deps.services.clock.now() });
    await recordAudit({ ...requester, user }, trx, "email_verified", { subjectUserId: user.id });
    return { user: toMe(verified ?? user) };
  });
}

export async function resendVerification(
  deps: IdentityDeps,
  holder: SignedInRequester,
): Promise<{ sent: true } | { sent: false; reason: "already_verified" }> {
  await enforceRateLimit(deps, "verify_resend_ip", holder.client.ip ?? "unknown");
  await enforceRateLimit(deps, "verify_resend_account", holder.user.id);
  const { user } = holder;
  if (user.email_verified_at) return { sent: false, reason: "already_verified" };
  await deps.db.transaction().execute(async (trx) => {
    await mailOneTimeToken(deps, trx, {
      userId: user.id,
      purpose: "email_verification",
      email: user.email,
      compose: (token) => verificationEmail(user.email, user.name, token, deps.services.appUrl),
    });
  });
  return { sent: true };
}

/**
 * Always the same work, in the same time, whether or not the address has an account: after the limits it only
 * queues a job, and the job looks the address up and mails the link (password-reset-request.job.ts).
 */
export async function requestPasswordReset(
  deps: IdentityDeps,
  requester: Requester,
  input: { email: string },
): Promise<void> {
  await enforceRateLimit(deps, "reset_ip", requester.client.ip ?? "unknown");
  await enforceRateLimit(deps, "reset_account", accountKey(input.email));
  await deps.services.jobs.enqueue(deps.db, "password_reset_request", {
    email: input.email,
    requestId: requester.requestId,
    ip: requester.client.ip,
    userAgent: requester.client.userAgent,
  });
}

/**
 * Sets the new password, ends every session of the account, voids its other links, forgets its known devices,
 * and tells its owner. The token is looked at before any argon2 work, so junk costs one indexed query.
 */
export async function resetPassword(
  deps: IdentityDeps,
  requester: Requester,
  input: { token: string; password: string },
  signal?: AbortSignal,
): Promise<void> {
  const ip = requester.client.ip ?? "unknown";
  await enforceRateLimit(deps, "reset_password_ip", ip);
  const link = { token: input.token, purpose: "password_reset" as const, clock: deps.services.clock };
  const found = await findOneTimeToken(deps.db, link);
  const owner = found ? await users.findUserById(deps.db, found.userId) : undefined;
  if (!owner) throw invalidToken();
  assertAcceptablePassword(input.password, { email: owner.email, name: owner.name });
  const passwordHash = await refundIfRefused(deps, [["reset_password_ip", ip]], () =>
    deps.services.passwords.hash(input.password, signal),
  );
  await deps.db.transaction().execute(async (trx) => {
    // The lookup above was only a peek: of parallel resets with one token, this consume picks the winner.
    const used = await consumeOneTimeToken(trx, link);
    if (!used) throw invalidToken();
    const user = await users.updateUser(trx, used.userId, { password_hash: passwordHash });
    if (!user) throw invalidToken();
    await voidOneTimeTokens(trx, user.id);
    await invalidateUserSessions(trx, user.id);
    await forgetDevices(trx, user.id);
    // A reset is account recovery: whoever held the account may have minted keys, which outlive sessions (ADR 016).
    const apiKeysRevoked = await apiKeys.revokeAllUserApiKeys(trx, user.id, deps.services.clock.now());
    await queueEmail(deps, trx, passwordChangedEmail(user.email, user.name));
    await recordAudit(requester, trx, "password_reset", {
      subjectUserId: user.id,
      actorUserId: null,
      details: { apiKeysRevoked },
    });
  });
}

/** The second half of an email change: the token proves the new address is reachable. */
export async function confirmEmailChange(
  deps: IdentityDeps,
  requester: Requester,
  input: { token: string },
): Promise<{ user: Me }> {
  await enforceRateLimit(deps, "email_change_ip", requester.client.ip ?? "unknown");
  try {
    return await deps.db.transaction().execute(async (trx) => {
      const used = await consumeOneTimeToken(trx, {
        token: input.token,
        purpose: "email_change",
        clock: deps.services.clock,
      });
      if (!used?.email) throw invalidToken();
      const before = await users.findUserById(trx, used.userId);
      if (!before) throw invalidToken();
      const user = await users.updateUser(trx, before.id, {
        email: used.email,
        email_verified_at: deps.services.clock.now(),
      });
      if (!user) throw invalidToken();
      // Links mailed to the old address die with it; so do other sessions. A caller signed in as this same
      // user keeps its session, as a password change keeps the changer's (ADR 007).
      await voidOneTimeTokens(trx, user.id);
      const keep =
        requester.session && requester.user?.id === user.id ? { except: requester.session.id } : {};
      const ended = await invalidateUserSessions(trx, user.id, keep);
      await queueEmail(deps, trx, emailChangedEmail(before.email, before.name, user.email));
      await recordAudit(requester, trx, "email_changed", {
        subjectUserId: user.id,
        actorUserId: user.id,
        details: { otherSessionsEnded: ended },
      });
      return { user: toMe(user) };
    });
  } catch (error) {
    if (isUniqueViolation(error, "users_email_key")) throw emailTaken();
    throw error;
  }
}
