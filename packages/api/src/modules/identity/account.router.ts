import type { TRPCRouterRecord } from "@trpc/server";
import { okOutput } from "../../core/outputs.ts";
import { authedProcedure, verifiedProcedure } from "../../core/trpc.ts";
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

export const accountRouter = {
  me: authedProcedure.output(meOutput).query(({ ctx }) => toMe(ctx.user)),

  sessions: verifiedProcedure.output(sessionListOutput).query(({ ctx }) => listSessions(ctx, ctx)),

  /** Ends one of the caller's own sessions; another user's handle simply matches nothing. */
  revokeSession: verifiedProcedure
    .input(revokeSessionInput)
    .output(sessionRevokedOutput)
    .mutation(async ({ ctx, input }) => {
      const { current } = await revokeSession(ctx, ctx, input);
      if (current) forgetSessionCookie(ctx);
      return { ok: true as const, current };
    }),

  logoutOthers: verifiedProcedure
    .output(otherSessionsEndedOutput)
    .mutation(({ ctx }) => logoutOthers(ctx, ctx)),

  changePassword: verifiedProcedure
    .input(changePasswordInput)
    .output(passwordChangedOutput)
    .mutation(async ({ ctx, input }) => {
      const { otherSessionsEnded } = await changePassword(ctx, ctx, input);
      return { ok: true as const, otherSessionsEnded };
    }),

  /** Sends a confirmation link to the new address and a notice to the current one; nothing changes until it is used. */
  requestEmailChange: verifiedProcedure
    .input(requestEmailChangeInput)
    .output(okOutput)
    .mutation(async ({ ctx, input }) => {
      await requestEmailChange(ctx, ctx, input);
      return { ok: true as const };
    }),
} satisfies TRPCRouterRecord;
