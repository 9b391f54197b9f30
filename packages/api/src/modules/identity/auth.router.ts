import type { TRPCRouterRecord } from "@trpc/server";
import { checked } from "../../core/output-check.ts";
import { okOutput } from "../../core/outputs.ts";
import { authedProcedure, publicProcedure, sessionProcedure } from "../../core/trpc.ts";
import { deliverSignIn, forgetSessionCookie } from "./identity.effects.ts";
import {
  accountChangedOutput,
  loginInput,
  maybeMeOutput,
  oneTimeTokenInput,
  requestPasswordResetInput,
  resendVerificationOutput,
  resetPasswordInput,
  signInOutput,
  signupInput,
  toMe,
} from "./identity.schemas.ts";
import { login, logout, signup } from "./signin.service.ts";
import {
  confirmEmailChange,
  requestPasswordReset,
  resendVerification,
  resetPassword,
  verifyEmail,
} from "./tokens.service.ts";

export const authRouter = {
  /** The signed-in account, or null. Lets a client learn its state without treating "signed out" as an error. */
  me: publicProcedure.output(checked(maybeMeOutput)).query(({ ctx }) => (ctx.user ? toMe(ctx.user) : null)),

  // The procedures that queue for argon2 read `signal`: a caller that leaves frees its place (ADR 035).
  signup: publicProcedure
    .meta({ abortSignal: true })
    .input(signupInput)
    .output(checked(signInOutput))
    .mutation(async ({ ctx, input, signal }) =>
      deliverSignIn(ctx, input.sessionTransport, await signup(ctx, ctx, input, signal)),
    ),

  login: publicProcedure
    .meta({ abortSignal: true })
    .input(loginInput)
    .output(checked(signInOutput))
    .mutation(async ({ ctx, input, signal }) => {
      const deviceToken = input.deviceToken ?? ctx.client.deviceToken;
      const signedIn = await login(ctx, ctx, { ...input, deviceToken }, signal);
      return deliverSignIn(ctx, input.sessionTransport, signedIn);
    }),

  /** Ends this session on the server and clears the cookie. */
  logout: sessionProcedure.output(checked(okOutput)).mutation(async ({ ctx }) => {
    await logout(ctx, ctx);
    forgetSessionCookie(ctx);
    return { ok: true as const };
  }),

  verifyEmail: publicProcedure
    .input(oneTimeTokenInput)
    .output(checked(accountChangedOutput))
    .mutation(({ ctx, input }) => verifyEmail(ctx, ctx, input)),

  resendVerification: authedProcedure
    .output(checked(resendVerificationOutput))
    .mutation(({ ctx }) => resendVerification(ctx, ctx)),

  /** Always `{ ok: true }`, in the same time, whether or not the address has an account. */
  requestPasswordReset: publicProcedure
    .input(requestPasswordResetInput)
    .output(checked(okOutput))
    .mutation(async ({ ctx, input }) => {
      await requestPasswordReset(ctx, ctx, input);
      return { ok: true as const };
    }),

  /** Every session of the account ends, this one too (its cookie is cleared). */
  resetPassword: publicProcedure
    .meta({ abortSignal: true })
    .input(resetPasswordInput)
    .output(checked(okOutput))
    .mutation(async ({ ctx, input, signal }) => {
      await resetPassword(ctx, ctx, input, signal);
      forgetSessionCookie(ctx);
      return { ok: true as const };
    }),

  /** The second half of an email change: the token proves the new address is reachable. */
  confirmEmailChange: publicProcedure
    .input(oneTimeTokenInput)
    .output(checked(accountChangedOutput))
    .mutation(({ ctx, input }) => confirmEmailChange(ctx, ctx, input)),
} satisfies TRPCRouterRecord;
