import { checkPassword, hashToken, PASSWORD_MAX_LENGTH, PASSWORD_MIN_LENGTH } from "@plinth/auth";
import { AppError } from "../../core/errors.ts";

// Pure rules of the identity module: no database, no clock, no request.

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

/**
 * A session's public handle: derived from its id one-way, so listing sessions never reveals an id (which, being
 * the SHA-256 of the token, is what the server looks sessions up by).
 */
export const sessionHandle = (sessionId: string) => hashToken(`handle:${sessionId}`).slice(0, 32);

/**
 * Who may end which session: a user only their own. Another user's handle is not refused as forbidden but
 * simply matches nothing, so a handle does not confirm that a session exists.
 */
export const canRevokeSession = (actor: { userId: string }, session: { user_id: string }) =>
  session.user_id === actor.userId;
