import type { TRPCRouterRecord } from "@trpc/server";
import { serviceDeps } from "../../core/activity.ts";
import { checked } from "../../core/output-check.ts";
import { deletedOutput } from "../../core/outputs.ts";
import { verifiedProcedure } from "../../core/trpc.ts";
import {
  createProjectInput,
  listProjectsInput,
  projectOutput,
  projectPageOutput,
  projectRefInput,
  updateProjectInput,
} from "./projects.schemas.ts";
import * as service from "./projects.service.ts";

const caller = (ctx: { user: { id: string } }) => ({ userId: ctx.user.id });

/** Projects of an organization; every input names the organization, and the caller must be a member of it. */
export const projectsRouter = {
  list: verifiedProcedure
    .input(listProjectsInput)
    .output(checked(projectPageOutput))
    .query(({ ctx, input }) => service.listProjects(serviceDeps(ctx), caller(ctx), input)),
  get: verifiedProcedure
    .input(projectRefInput)
    .output(checked(projectOutput))
    .query(({ ctx, input }) => service.getProject(serviceDeps(ctx), caller(ctx), input)),
  create: verifiedProcedure
    .input(createProjectInput)
    .output(checked(projectOutput))
    .mutation(({ ctx, input }) => service.createProject(serviceDeps(ctx), caller(ctx), input)),
  update: verifiedProcedure
    .input(updateProjectInput)
    .output(checked(projectOutput))
    .mutation(({ ctx, input }) => service.updateProject(serviceDeps(ctx), caller(ctx), input)),
  archive: verifiedProcedure
    .input(projectRefInput)
    .output(checked(projectOutput))
    .mutation(({ ctx, input }) =>
      service.setProjectArchived(serviceDeps(ctx), caller(ctx), input, true, ctx.services.clock.now()),
    ),
  unarchive: verifiedProcedure
    .input(projectRefInput)
    .output(checked(projectOutput))
    .mutation(({ ctx, input }) =>
      service.setProjectArchived(serviceDeps(ctx), caller(ctx), input, false, ctx.services.clock.now()),
    ),
  delete: verifiedProcedure
    .input(projectRefInput)
    .output(checked(deletedOutput))
    .mutation(({ ctx, input }) => service.deleteProject(serviceDeps(ctx), caller(ctx), input)),
} satisfies TRPCRouterRecord;
