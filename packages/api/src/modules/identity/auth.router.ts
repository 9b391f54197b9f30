import {
  consumeOneTimeToken,
  findOneTimeToken,
  forgetDevices,
  hashPassword,
  invalidateSession,
  invalidateUserSessions,
  passwordNeedsRehash,
  serializeBlankSessionCookie,
  verifyDummyPassword,
  verifyPassword,
  voidOneTimeTokens,
} from "@plinth/auth";
import { isUniqueViolation, users } from "@plinth/db";
import type { TRPCRouterRecord } from "@trpc/server";
import { z } from "zod";
import { recordAudit } from "../../core/audit.ts";
import { emailChangedEmail, passwordChangedEmail, verificationEmail } from "../../core/email/messages.ts";
import { queueEmail } from "../../core/email/queue-email.ts";
import { AppError } from "../../core/errors.ts";
import {
  emailInput,
  nameInput,
  newPasswordInput,
  passwordInput,
  sessionTransportInput,
  tokenInput,
} from "../../core/inputs.ts";
import { enqueueJob } from "../../core/jobs/enqueue-job.ts";
import { accountKey, enforceRateLimit } from "../../core/rate-limit.ts";
import { authedProcedure, publicProcedure } from "../../core/trpc.ts";
import {
  assertAcceptablePassword,
  issueSession,
  mailOneTimeToken,
  rememberThisDevice,
  spendSignInAttempt,
  toMe,
} from "./account-helpers.ts";

const emailTaken = () =>
  new AppError("EMAIL_TAKEN", "An account with this email already exists", {
    details: [{ path: "email", message: "Already registered" }],
  });
const invalidCredentials = () => new AppError("INVALID_CREDENTIALS", "Email or password is incorrect");
const invalidToken = () => new AppError("INVALID_TOKEN", "This link is invalid or has expired");

export const authRouter = {
  /** The signed-in account, or null. Lets a client learn its state without treating "signed out" as an error. */
  me: publicProcedure.query(({ ctx }) => (ctx.user ? toMe(ctx.user) : null)),

  signup: publicProcedure
    .input(
      z.strictObject({
        email: emailInput,
        password: newPasswordInput,
        name: nameInput,
        sessionTransport: sessionTransportInput,
      }),
    )
    .mutation(async ({ ctx, input }) => {
      await enforceRateLimit(ctx, "signup_ip", ctx.client.ip ?? "unknown");
      await enforceRateLimit(ctx, "signup_account", accountKey(input.email));
      assertAcceptablePassword(input.password, { email: input.email, name: input.name });
      // Cheap early answer for the common case; the unique index below settles races.
      if (await users.findUserByEmail(ctx.db, input.email)) throw emailTaken();
      const passwordHash = await hashPassword(input.password);
      try {
        return await ctx.db.transaction().execute(async (trx) => {
          const user = await users.insertUser(trx, {
            email: input.email,
            name: input.name,
            password_hash: passwordHash,
          });
          await mailOneTimeToken(ctx, trx, {
            userId: user.id,
            purpose: "email_verification",
            email: user.email,
            compose: (token) => verificationEmail(user.email, user.name, token, ctx.services.appUrl),
          });
          await recordAudit({ ...ctx, user }, trx, "signup", { subjectUserId: user.id });
          const session = await issueSession(ctx, trx, user, input.sessionTransport);
          const device = await rememberThisDevice(ctx, trx, {
            user,
            presented: null,
            known: false,
            transport: input.sessionTransport,
          });
          return { user: toMe(user), ...session, ...device };
        });
      } catch (error) {
        if (isUniqueViolation(error, "users_email_key")) throw emailTaken();
        throw error;
      }
    }),

  login: publicProcedure
    .input(
      z.strictObject({
        email: emailInput,
        password: passwordInput,
        sessionTransport: sessionTransportInput,
        /** A bearer client's known-device token from an earlier sign-in; browsers send it as a cookie. */
        deviceToken: tokenInput.optional(),
      }),
    )
    .mutation(async ({ ctx, input }) => {
      // Every limit before argon2: a flood is refused without burning CPU (ADR 008).
      const presented = input.deviceToken ?? ctx.client.deviceToken;
      const attempt = await spendSignInAttempt(ctx, { email: input.email, deviceToken: presented });
      const user = attempt.user;
      // Unknown email or no password: the same argon2 work against a dummy hash, so timing does not tell.
      const valid = user?.password_hash
        ? await verifyPassword(user.password_hash, input.password)
        : await verifyDummyPassword(input.password);
      if (!user || !valid) {
        await recordAudit(ctx, ctx.db, "login_failed", {
          subjectUserId: user?.id ?? null,
          actorUserId: null,
          details: { reason: "credentials" },
        });
        throw invalidCredentials();
      }
      if (user.disabled_at) {
        await recordAudit(ctx, ctx.db, "login_failed", {
          subjectUserId: user.id,
          actorUserId: null,
          details: { reason: "disabled" },
        });
        throw new AppError("ACCOUNT_DISABLED", "This account is disabled");
      }
      if (user.password_hash && passwordNeedsRehash(user.password_hash)) {
        await users.updateUser(ctx.db, user.id, { password_hash: await hashPassword(input.password) });
      }
      const session = await issueSession(ctx, ctx.db, user, input.sessionTransport);
      await attempt.succeeded();
      const device = await rememberThisDevice(ctx, ctx.db, {
        user,
        presented,
        known: attempt.knownDevice,
        transport: input.sessionTransport,
      });
      await recordAudit({ ...ctx, user }, ctx.db, "login_succeeded", {
        subjectUserId: user.id,
        details: { knownDevice: attempt.knownDevice },
      });
      return { user: toMe(user), ...session, ...device };
    }),

  /** Ends this session on the server and clears the cookie. */
  logout: authedProcedure.mutation(async ({ ctx }) => {
    await invalidateSession(ctx.db, ctx.session.id);
    if (ctx.transport === "cookie")
      ctx.response.setCookies.push(serializeBlankSessionCookie(ctx.services.cookie));
    await recordAudit(ctx, ctx.db, "logout", { subjectUserId: ctx.user.id });
    return { ok: true as const };
  }),

  verifyEmail: publicProcedure
    .input(z.strictObject({ token: tokenInput }))
    .mutation(async ({ ctx, input }) => {
      await enforceRateLimit(ctx, "verify_email_ip", ctx.client.ip ?? "unknown");
      return ctx.db.transaction().execute(async (trx) => {
        const used = await consumeOneTimeToken(trx, {
          token: input.token,
          purpose: "email_verification",
          clock: ctx.services.clock,
        });
        if (!used) throw invalidToken();
        const user = await users.findUserById(trx, used.userId);
        // The token verifies the address it was sent to; if the account's email changed since, it proves nothing.
        if (!user || !used.email || user.email.toLowerCase() !== used.email.toLowerCase())
          throw invalidToken();
        const verified = user.email_verified_at
          ? user
          : await users.updateUser(trx, user.id, { email_verified_at: ctx.services.clock.now() });
        await recordAudit({ ...ctx, user }, trx, "email_verified", { subjectUserId: user.id });
        return { user: toMe(verified ?? user) };
      });
    }),

  resendVerification: authedProcedure.mutation(async ({ ctx }) => {
    await enforceRateLimit(ctx, "verify_resend_ip", ctx.client.ip ?? "unknown");
    await enforceRateLimit(ctx, "verify_resend_account", ctx.user.id);
    if (ctx.user.email_verified_at) return { sent: false as const, reason: "already_verified" as const };
    await ctx.db.transaction().execute(async (trx) => {
      await mailOneTimeToken(ctx, trx, {
        userId: ctx.user.id,
        purpose: "email_verification",
        email: ctx.user.email,
        compose: (token) => verificationEmail(ctx.user.email, ctx.user.name, token, ctx.services.appUrl),
      });
    });
    return { sent: true as const };
  }),

  /**
   * Always the same answer, in the same time, whether or not the address has an account: after the limits the
   * request only queues a job, and the job looks the address up and mails the link (jobs/password-reset-request).
   */
  requestPasswordReset: publicProcedure
    .input(z.strictObject({ email: emailInput }))
    .mutation(async ({ ctx, input }) => {
      await enforceRateLimit(ctx, "reset_ip", ctx.client.ip ?? "unknown");
      await enforceRateLimit(ctx, "reset_account", accountKey(input.email));
      await enqueueJob(ctx, ctx.db, "password_reset_request", {
        email: input.email,
        requestId: ctx.requestId,
        ip: ctx.client.ip,
        userAgent: ctx.client.userAgent,
      });
      return { ok: true as const };
    }),

  /**
   * Sets the new password, ends every session of the account, voids its other links, forgets its known devices,
   * and tells its owner. The token is looked at before any argon2 work, so junk costs one indexed query.
   */
  resetPassword: publicProcedure
    .input(z.strictObject({ token: tokenInput, password: newPasswordInput }))
    .mutation(async ({ ctx, input }) => {
      await enforceRateLimit(ctx, "reset_password_ip", ctx.client.ip ?? "unknown");
      const link = { token: input.token, purpose: "password_reset" as const, clock: ctx.services.clock };
      const found = await findOneTimeToken(ctx.db, link);
      const owner = found ? await users.findUserById(ctx.db, found.userId) : undefined;
      if (!owner) throw invalidToken();
      assertAcceptablePassword(input.password, { email: owner.email, name: owner.name });
      const passwordHash = await hashPassword(input.password);
      await ctx.db.transaction().execute(async (trx) => {
        // The lookup above was only a peek: of parallel resets with one token, this consume picks the winner.
        const used = await consumeOneTimeToken(trx, link);
        if (!used) throw invalidToken();
        const user = await users.updateUser(trx, used.userId, { password_hash: passwordHash });
        if (!user) throw invalidToken();
        await voidOneTimeTokens(trx, user.id);
        await invalidateUserSessions(trx, user.id);
        await forgetDevices(trx, user.id);
        await queueEmail(ctx, trx, passwordChangedEmail(user.email, user.name));
        await recordAudit(ctx, trx, "password_reset", { subjectUserId: user.id, actorUserId: null });
      });
      if (ctx.transport === "cookie")
        ctx.response.setCookies.push(serializeBlankSessionCookie(ctx.services.cookie));
      return { ok: true as const };
    }),

  /** The second half of an email change: the token proves the new address is reachable. */
  confirmEmailChange: publicProcedure
    .input(z.strictObject({ token: tokenInput }))
    .mutation(async ({ ctx, input }) => {
      await enforceRateLimit(ctx, "email_change_ip", ctx.client.ip ?? "unknown");
      try {
        return await ctx.db.transaction().execute(async (trx) => {
          const used = await consumeOneTimeToken(trx, {
            token: input.token,
            purpose: "email_change",
            clock: ctx.services.clock,
          });
          if (!used?.email) throw invalidToken();
          const before = await users.findUserById(trx, used.userId);
          if (!before) throw invalidToken();
          const user = await users.updateUser(trx, before.id, {
            email: used.email,
            email_verified_at: ctx.services.clock.now(),
          });
          if (!user) throw invalidToken();
          // Links mailed to the old address die with it; so do other sessions. A caller signed in as this same
          // user keeps its session, as a password change keeps the changer's (ADR 007).
          await voidOneTimeTokens(trx, user.id);
          const keep = ctx.session && ctx.user?.id === user.id ? { except: ctx.session.id } : {};
          const ended = await invalidateUserSessions(trx, user.id, keep);
          await queueEmail(ctx, trx, emailChangedEmail(before.email, before.name, user.email));
          await recordAudit(ctx, trx, "email_changed", {
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
    }),
} satisfies TRPCRouterRecord;
