import type { TRPCRouterRecord } from "@trpc/server";
import { checked } from "../../core/output-check.ts";
import { noContentOutput } from "../../core/outputs.ts";
import { resolveOrgActor } from "../../core/tenancy.ts";
import { publicProcedure, verifiedProcedure } from "../../core/trpc.ts";
import * as service from "./invitations.service.ts";
import {
  acceptedOutput,
  invitationIdInput,
  invitationOutput,
  invitationPageOutput,
  invitationPreviewOutput,
  invitationTokenInput,
  inviteInput,
  pageInput,
} from "./organizations.schemas.ts";

/** `organizations.invitations.*`: admins invite, list and revoke; the invitee answers with the mailed token. */
export const invitationsRouter = {
  create: verifiedProcedure
    .input(inviteInput)
    .output(checked(invitationOutput))
    .mutation(async ({ ctx, input: { organizationId, ...input } }) =>
      service.createInvitation(ctx, await resolveOrgActor(ctx.db, ctx.user.id, organizationId), input),
    ),

  listPending: verifiedProcedure
    .input(pageInput)
    .output(checked(invitationPageOutput))
    .query(async ({ ctx, input }) =>
      service.listPendingInvitations(
        ctx,
        await resolveOrgActor(ctx.db, ctx.user.id, input.organizationId),
        input,
      ),
    ),

  revoke: verifiedProcedure
    .input(invitationIdInput)
    .output(checked(noContentOutput))
    .mutation(async ({ ctx, input }) => {
      await service.revokeInvitation(
        ctx,
        await resolveOrgActor(ctx.db, ctx.user.id, input.organizationId),
        input,
      );
    }),

  /** For the invitation page: what the mailed token offers, before signing in or answering. */
  preview: publicProcedure
    .input(invitationTokenInput)
    .output(checked(invitationPreviewOutput))
    .query(({ ctx, input }) => service.previewInvitation(ctx, input)),

  accept: verifiedProcedure
    .input(invitationTokenInput)
    .output(checked(acceptedOutput))
    .mutation(({ ctx, input }) => service.acceptInvitation(ctx, ctx.user, input)),

  decline: publicProcedure
    .input(invitationTokenInput)
    .output(checked(noContentOutput))
    .mutation(async ({ ctx, input }) => {
      await service.declineInvitation(ctx, ctx.user?.id ?? null, input);
    }),
} satisfies TRPCRouterRecord;
