import { invalidateUserSessions, voidOneTimeTokens } from "@plinth/auth";
import { sessions, users } from "@plinth/db";
import { recordAudit } from "../../core/audit.ts";
import {
  emailChangeNoticeEmail,
  emailChangeVerificationEmail,
  passwordChangedEmail,
} from "../../core/email/messages.ts";
import { queueEmail } from "../../core/email/queue-email.ts";
import { AppError } from "../../core/errors.ts";
import { enforceRateLimit, refundIfRefused } from "../../core/rate-limit.ts";
import { assertAcceptablePassword, canRevokeSession, sessionHandle } from "./identity.policy.ts";
import type { SessionView } from "./identity.schemas.ts";
import { type AccountHolder, emailTaken, type IdentityDeps, mailOneTimeToken } from "./identity.service.ts";

// The signed-in account: its sessions, its password and its email address.

export async function listSessions(deps: IdentityDeps, holder: AccountHolder): Promise<SessionView[]> {
  const list = await sessions.listUserSessions(deps.db, holder.user.id, deps.services.clock.now());
  return list.map((s) => ({
    handle: sessionHandle(s.id),
    current: s.id === holder.session.id,
    createdAt: s.created_at,
    lastSeenAt: s.last_seen_at,
    expiresAt: s.expires_at,
    userAgent: s.user_agent,
    ip: s.ip,
  }));
}

/** Ends one of the holder's own sessions; `current` says whether it was the one making this call. */
export async function revokeSession(
  deps: IdentityDeps,
  holder: AccountHolder,
  input: { handle: string },
): Promise<{ current: boolean }> {
  const list = await sessions.listUserSessions(deps.db, holder.user.id, deps.services.clock.now());
  const target = list.find((s) => sessionHandle(s.id) === input.handle);
  if (
    !target ||
    !canRevokeSession({ userId: holder.user.id }, target) ||
    !(await sessions.deleteUserSession(deps.db, holder.user.id, target.id))
  ) {
    throw new AppError("SESSION_NOT_FOUND", "No such session");
  }
  const current = target.id === holder.session.id;
  await recordAudit(holder, deps.db, "session_revoked", {
    subjectUserId: holder.user.id,
    details: { current },
  });
  return { current };
}

export async function logoutOthers(deps: IdentityDeps, holder: AccountHolder): Promise<{ ended: number }> {
  const ended = await invalidateUserSessions(deps.db, holder.user.id, { except: holder.session.id });
  await recordAudit(holder, deps.db, "logout_others", { subjectUserId: holder.user.id, details: { ended } });
  return { ended };
}

export async function changePassword(
  deps: IdentityDeps,
  holder: AccountHolder,
  input: { currentPassword: string; newPassword: string },
  signal?: AbortSignal,
): Promise<{ otherSessionsEnded: number }> {
  const { user, session } = holder;
  await assertCurrentPassword(deps, holder, input.currentPassword, signal);
  assertAcceptablePassword(input.newPassword, { email: user.email, name: user.name }, "newPassword");
  const passwordHash = await deps.services.passwords.hash(input.newPassword, signal);
  const otherSessionsEnded = await deps.db.transaction().execute(async (trx) => {
    await users.updateUser(trx, user.id, { password_hash: passwordHash });
    await voidOneTimeTokens(trx, user.id);
    const count = await invalidateUserSessions(trx, user.id, { except: session.id });
    await queueEmail(deps, trx, passwordChangedEmail(user.email, user.name));
    await recordAudit(holder, trx, "password_changed", {
      subjectUserId: user.id,
      details: { otherSessionsEnded: count },
    });
    return count;
  });
  return { otherSessionsEnded };
}

/** Sends a confirmation link to the new address and a notice to the current one; nothing changes until it is used. */
export async function requestEmailChange(
  deps: IdentityDeps,
  holder: AccountHolder,
  input: { newEmail: string; currentPassword: string },
  signal?: AbortSignal,
): Promise<void> {
  const { user } = holder;
  await assertCurrentPassword(deps, holder, input.currentPassword, signal);
  if (input.newEmail.toLowerCase() === user.email.toLowerCase()) {
    throw new AppError("VALIDATION_FAILED", "That is already your email", {
      details: [{ path: "newEmail", message: "Unchanged" }],
    });
  }
  if (await users.findUserByEmail(deps.db, input.newEmail)) throw emailTaken("newEmail");
  await deps.db.transaction().execute(async (trx) => {
    await mailOneTimeToken(deps, trx, {
      userId: user.id,
      purpose: "email_change",
      email: input.newEmail,
      compose: (token) =>
        emailChangeVerificationEmail(input.newEmail, user.name, token, deps.services.appUrl),
    });
    await queueEmail(deps, trx, emailChangeNoticeEmail(user.email, user.name, input.newEmail));
    await recordAudit(holder, trx, "email_change_requested", { subjectUserId: user.id });
  });
}

/**
 * Re-authentication for sensitive changes: the signed-in user's current password, rate-limited like a login so a
 * stolen session cannot guess it.
 */
async function assertCurrentPassword(
  deps: IdentityDeps,
  holder: AccountHolder,
  password: string,
  signal: AbortSignal | undefined,
): Promise<void> {
  await enforceRateLimit(deps, "reauth_account", holder.user.id);
  const stored = holder.user.password_hash;
  const valid =
    stored !== null &&
    (await refundIfRefused(deps, [["reauth_account", holder.user.id]], () =>
      deps.services.passwords.verify(stored, password, signal),
    ));
  if (!valid) {
    throw new AppError("INVALID_CREDENTIALS", "Current password is incorrect", {
      details: [{ path: "currentPassword", message: "Incorrect" }],
    });
  }
  await deps.services.rateLimiter.reward("reauth_account", holder.user.id);
}
