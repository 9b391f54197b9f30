import {
  hashPassword,
  hashToken,
  invalidateUserSessions,
  serializeBlankSessionCookie,
  voidOneTimeTokens,
} from "@plinth/auth";
import { sessions, users } from "@plinth/db";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { recordAudit } from "../../core/audit.ts";
import {
  emailChangeNoticeEmail,
  emailChangeVerificationEmail,
  passwordChangedEmail,
} from "../../core/email/messages.ts";
import { queueEmail } from "../../core/email/queue-email.ts";
import { AppError } from "../../core/errors.ts";
import { emailInput, newPasswordInput, passwordInput, text } from "../../core/inputs.ts";
import { authedProcedure, verifiedProcedure } from "../../core/trpc.ts";
import {
  assertAcceptablePassword,
  assertCurrentPassword,
  mailOneTimeToken,
  toMe,
} from "./account-helpers.ts";

/**
 * A session's public handle: derived from its id one-way, so listing sessions never reveals an id (which, being
 * the SHA-256 of the token, is what the server looks sessions up by).
 */
const sessionHandle = (sessionId: string) => hashToken(`handle:${sessionId}`).slice(0, 32);

export const accountRouter = {
  me: authedProcedure.query(({ ctx }) => toMe(ctx.user)),

  sessions: verifiedProcedure.query(async ({ ctx }) => {
    const list = await sessions.listUserSessions(ctx.db, ctx.user.id, ctx.services.clock.now());
    return list.map((s) => ({
      handle: sessionHandle(s.id),
      current: s.id === ctx.session.id,
      createdAt: s.created_at,
      lastSeenAt: s.last_seen_at,
      expiresAt: s.expires_at,
      userAgent: s.user_agent,
      ip: s.ip,
    }));
  }),

  /** Ends one of the caller's own sessions; another user's handle simply matches nothing. */
  revokeSession: verifiedProcedure
    .input(z.strictObject({ handle: text({ max: 32 }).regex(/^[0-9a-f]{32}$/) }))
    .mutation(async ({ ctx, input }) => {
      const list = await sessions.listUserSessions(ctx.db, ctx.user.id, ctx.services.clock.now());
      const target = list.find((s) => sessionHandle(s.id) === input.handle);
      if (!target || !(await sessions.deleteUserSession(ctx.db, ctx.user.id, target.id))) {
        throw new AppError("SESSION_NOT_FOUND", "No such session");
      }
      const current = target.id === ctx.session.id;
      if (current && ctx.transport === "cookie")
        ctx.response.setCookies.push(serializeBlankSessionCookie(ctx.services.cookie));
      await recordAudit(ctx, ctx.db, "session_revoked", { subjectUserId: ctx.user.id, details: { current } });
      return { ok: true as const, current };
    }),

  logoutOthers: verifiedProcedure.mutation(async ({ ctx }) => {
    const ended = await invalidateUserSessions(ctx.db, ctx.user.id, { except: ctx.session.id });
    await recordAudit(ctx, ctx.db, "logout_others", { subjectUserId: ctx.user.id, details: { ended } });
    return { ended };
  }),

  changePassword: verifiedProcedure
    .input(z.strictObject({ currentPassword: passwordInput, newPassword: newPasswordInput }))
    .mutation(async ({ ctx, input }) => {
      await assertCurrentPassword(ctx, input.currentPassword);
      assertAcceptablePassword(
        input.newPassword,
        { email: ctx.user.email, name: ctx.user.name },
        "newPassword",
      );
      const passwordHash = await hashPassword(input.newPassword);
      const ended = await ctx.db.transaction().execute(async (trx) => {
        await users.updateUser(trx, ctx.user.id, { password_hash: passwordHash });
        await voidOneTimeTokens(trx, ctx.user.id);
        const count = await invalidateUserSessions(trx, ctx.user.id, { except: ctx.session.id });
        await queueEmail(ctx, trx, passwordChangedEmail(ctx.user.email, ctx.user.name));
        await recordAudit(ctx, trx, "password_changed", {
          subjectUserId: ctx.user.id,
          details: { otherSessionsEnded: count },
        });
        return count;
      });
      return { ok: true as const, otherSessionsEnded: ended };
    }),

  /** Sends a confirmation link to the new address and a notice to the current one; nothing changes until it is used. */
  requestEmailChange: verifiedProcedure
    .input(z.strictObject({ newEmail: emailInput, currentPassword: passwordInput }))
    .mutation(async ({ ctx, input }) => {
      await assertCurrentPassword(ctx, input.currentPassword);
      if (input.newEmail.toLowerCase() === ctx.user.email.toLowerCase()) {
        throw new AppError("VALIDATION_FAILED", "That is already your email", {
          details: [{ path: "newEmail", message: "Unchanged" }],
        });
      }
      if (await users.findUserByEmail(ctx.db, input.newEmail)) {
        throw new AppError("EMAIL_TAKEN", "An account with this email already exists", {
          details: [{ path: "newEmail", message: "Already registered" }],
        });
      }
      await ctx.db.transaction().execute(async (trx) => {
        await mailOneTimeToken(ctx, trx, {
          userId: ctx.user.id,
          purpose: "email_change",
          email: input.newEmail,
          compose: (token) =>
            emailChangeVerificationEmail(input.newEmail, ctx.user.name, token, ctx.services.appUrl),
        });
        await queueEmail(ctx, trx, emailChangeNoticeEmail(ctx.user.email, ctx.user.name, input.newEmail));
        await recordAudit(ctx, trx, "email_change_requested", { subjectUserId: ctx.user.id });
      });
      return { ok: true as const };
    }),
} satisfies TRPCRouterRecord;
