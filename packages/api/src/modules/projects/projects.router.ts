import type { TRPCRouterRecord } from "@trpc/server";
import { serviceDeps } from "../../core/activity.ts";
import { verifiedProcedure } from "../../core/trpc.ts";
import {
  createProjectInput,
  listProjectsInput,
  projectRefInput,
  updateProjectInput,
} from "./projects.schemas.ts";
import * as service from "./projects.service.ts";

const caller = (ctx: { user: { id: string } }) => ({ userId: ctx.user.id });

/** Projects of an organization; every input names the organization, and the caller must be a member of it. */
export const projectsRouter = {
  list: verifiedProcedure
    .input(listProjectsInput)
    .query(({ ctx, input }) => service.listProjects(serviceDeps(ctx), caller(ctx), input)),
  get: verifiedProcedure
    .input(projectRefInput)
    .query(({ ctx, input }) => service.getProject(serviceDeps(ctx), caller(ctx), input)),
  create: verifiedProcedure
    .input(createProjectInput)
    .mutation(({ ctx, input }) => service.createProject(serviceDeps(ctx), caller(ctx), input)),
  update: verifiedProcedure
    .input(updateProjectInput)
    .mutation(({ ctx, input }) => service.updateProject(serviceDeps(ctx), caller(ctx), input)),
  archive: verifiedProcedure
    .input(projectRefInput)
    .mutation(({ ctx, input }) =>
      service.setProjectArchived(serviceDeps(ctx), caller(ctx), input, true, ctx.services.clock.now()),
    ),
  unarchive: verifiedProcedure
    .input(projectRefInput)
    .mutation(({ ctx, input }) =>
      service.setProjectArchived(serviceDeps(ctx), caller(ctx), input, false, ctx.services.clock.now()),
    ),
  delete: verifiedProcedure
    .input(projectRefInput)
    .mutation(({ ctx, input }) => service.deleteProject(serviceDeps(ctx), caller(ctx), input)),
} satisfies TRPCRouterRecord;
