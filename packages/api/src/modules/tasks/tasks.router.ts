import type { TRPCRouterRecord } from "@trpc/server";
import { serviceDeps } from "../../core/activity.ts";
import { checked } from "../../core/output-check.ts";
import { deletedOutput } from "../../core/outputs.ts";
import { verifiedProcedure } from "../../core/trpc.ts";
import {
  createTaskInput,
  listTasksInput,
  moveTaskInput,
  taskOutput,
  taskPageOutput,
  taskRefInput,
  updateTaskInput,
} from "./tasks.schemas.ts";
import * as service from "./tasks.service.ts";

const caller = (ctx: { user: { id: string } }) => ({ userId: ctx.user.id });

/** Tasks of an organization's projects; every input names the organization, whose member the caller must be. */
export const tasksRouter = {
  list: verifiedProcedure
    .input(listTasksInput)
    .output(checked(taskPageOutput))
    .query(({ ctx, input }) => service.listTasks(serviceDeps(ctx), caller(ctx), input)),
  get: verifiedProcedure
    .input(taskRefInput)
    .output(checked(taskOutput))
    .query(({ ctx, input }) => service.getTask(serviceDeps(ctx), caller(ctx), input)),
  create: verifiedProcedure
    .input(createTaskInput)
    .output(checked(taskOutput))
    .mutation(({ ctx, input }) => service.createTask(serviceDeps(ctx), caller(ctx), input)),
  update: verifiedProcedure
    .input(updateTaskInput)
    .output(checked(taskOutput))
    .mutation(({ ctx, input }) => service.updateTask(serviceDeps(ctx), caller(ctx), input)),
  move: verifiedProcedure
    .input(moveTaskInput)
    .output(checked(taskOutput))
    .mutation(({ ctx, input }) => service.moveTask(serviceDeps(ctx), caller(ctx), input)),
  delete: verifiedProcedure
    .input(taskRefInput)
    .output(checked(deletedOutput))
    .mutation(({ ctx, input }) => service.deleteTask(serviceDeps(ctx), caller(ctx), input)),
} satisfies TRPCRouterRecord;
