import type { TRPCRouterRecord } from "@trpc/server";
import { checked } from "../../core/output-check.ts";
import { noContentOutput } from "../../core/outputs.ts";
import { resolveOrgActor } from "../../core/tenancy.ts";
import { router, verifiedProcedure } from "../../core/trpc.ts";
import { invitationsRouter } from "./invitations.router.ts";
import {
  activityPageOutput,
  changeRoleInput,
  createOrganizationInput,
  memberInput,
  memberOutput,
  memberPageOutput,
  organizationIdInput,
  organizationListOutput,
  organizationOutput,
  pageInput,
  removedOutput,
  renameOrganizationInput,
} from "./organizations.schemas.ts";
import * as service from "./organizations.service.ts";

/**
 * Every procedure that names an organization resolves the caller's membership first (`resolveOrgActor`): a
 * non-member gets NOT_FOUND before anything else happens; the service then asks the policy.
 */
const membersRouter = {
  list: verifiedProcedure
    .input(pageInput)
    .output(checked(memberPageOutput))
    .query(async ({ ctx, input }) =>
      service.listMembers(ctx, await resolveOrgActor(ctx.db, ctx.user.id, input.organizationId), input),
    ),

  changeRole: verifiedProcedure
    .input(changeRoleInput)
    .output(checked(memberOutput))
    .mutation(async ({ ctx, input }) =>
      service.changeMemberRole(ctx, await resolveOrgActor(ctx.db, ctx.user.id, input.organizationId), input),
    ),

  remove: verifiedProcedure
    .input(memberInput)
    .output(checked(removedOutput))
    .mutation(async ({ ctx, input }) =>
      service.removeMember(ctx, await resolveOrgActor(ctx.db, ctx.user.id, input.organizationId), input),
    ),

  leave: verifiedProcedure
    .input(organizationIdInput)
    .output(checked(removedOutput))
    .mutation(async ({ ctx, input }) =>
      service.removeMember(ctx, await resolveOrgActor(ctx.db, ctx.user.id, input.organizationId), {
        userId: ctx.user.id,
      }),
    ),
} satisfies TRPCRouterRecord;

export const organizationsRouter = router({
  create: verifiedProcedure
    .input(createOrganizationInput)
    .output(checked(organizationOutput))
    .mutation(({ ctx, input }) => service.createOrganization(ctx, ctx.user.id, input)),

  list: verifiedProcedure
    .output(checked(organizationListOutput))
    .query(({ ctx }) => service.listMyOrganizations(ctx, ctx.user.id)),

  byId: verifiedProcedure
    .input(organizationIdInput)
    .output(checked(organizationOutput))
    .query(async ({ ctx, input }) =>
      service.getOrganization(ctx, await resolveOrgActor(ctx.db, ctx.user.id, input.organizationId)),
    ),

  rename: verifiedProcedure
    .input(renameOrganizationInput)
    .output(checked(organizationOutput))
    .mutation(async ({ ctx, input }) =>
      service.renameOrganization(
        ctx,
        await resolveOrgActor(ctx.db, ctx.user.id, input.organizationId),
        input,
      ),
    ),

  delete: verifiedProcedure
    .input(organizationIdInput)
    .output(checked(noContentOutput))
    .mutation(async ({ ctx, input }) => {
      await service.deleteOrganization(ctx, await resolveOrgActor(ctx.db, ctx.user.id, input.organizationId));
    }),

  /** The activity feed, newest first; org admins and owners only. */
  activity: verifiedProcedure
    .input(pageInput)
    .output(checked(activityPageOutput))
    .query(async ({ ctx, input }) =>
      service.listActivity(ctx, await resolveOrgActor(ctx.db, ctx.user.id, input.organizationId), input),
    ),

  members: membersRouter,
  invitations: invitationsRouter,
});
