import type { TRPCRouterRecord } from "@trpc/server";
import { checked } from "../../core/output-check.ts";
import { okOutput } from "../../core/outputs.ts";
import { authedProcedure, verifiedSessionProcedure } from "../../core/trpc.ts";
import {
  changePassword,
  listSessions,
  logoutOthers,
  requestEmailChange,
  revokeSession,
} from "./account.service.ts";
import { forgetSessionCookie } from "./identity.effects.ts";
import {
  changePasswordInput,
  meOutput,
  otherSessionsEndedOutput,
  passwordChangedOutput,
  requestEmailChangeInput,
  revokeSessionInput,
  sessionListOutput,
  sessionRevokedOutput,
  toMe,
} from "./identity.schemas.ts";

/** `me` serves API keys too; everything else here is the signed-in session's own business (ADR 016). */
export const accountRouter = {
  me: authedProcedure.output(checked(meOutput)).query(({ ctx }) => toMe(ctx.user)),

  sessions: verifiedSessionProcedure
    .output(checked(sessionListOutput))
    .query(({ ctx }) => listSessions(ctx, ctx)),

  /** Ends one of the caller's own sessions; another user's handle simply matches nothing. */
  revokeSession: verifiedSessionProcedure
    .input(revokeSessionInput)
    .output(checked(sessionRevokedOutput))
    .mutation(async ({ ctx, input }) => {
      const { current } = await revokeSession(ctx, ctx, input);
      if (current) forgetSessionCookie(ctx);
      return { ok: true as const, current };
    }),

  logoutOthers: verifiedSessionProcedure
    .output(checked(otherSessionsEndedOutput))
    .mutation(({ ctx }) => logoutOthers(ctx, ctx)),

  // Both queue for argon2 and read `signal`: a caller that leaves frees its place (ADR 035).
  changePassword: verifiedSessionProcedure
    .meta({ abortSignal: true })
    .input(changePasswordInput)
    .output(checked(passwordChangedOutput))
    .mutation(async ({ ctx, input, signal }) => {
      const { otherSessionsEnded } = await changePassword(ctx, ctx, input, signal);
      return { ok: true as const, otherSessionsEnded };
    }),

  /** Sends a confirmation link to the new address and a notice to the current one; nothing changes until it is used. */
  requestEmailChange: verifiedSessionProcedure
    .meta({ abortSignal: true })
    .input(requestEmailChangeInput)
    .output(checked(okOutput))
    .mutation(async ({ ctx, input, signal }) => {
      await requestEmailChange(ctx, ctx, input, signal);
      return { ok: true as const };
    }),
} satisfies TRPCRouterRecord;
