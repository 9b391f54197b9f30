import type { TRPCRouterRecord } from "@trpc/server";
import { serviceDeps } from "../../core/activity.ts";
import { checked } from "../../core/output-check.ts";
import { deletedOutput } from "../../core/outputs.ts";
import { verifiedProcedure } from "../../core/trpc.ts";
import * as service from "./comments.service.ts";
import {
  addCommentInput,
  commentOutput,
  commentPageOutput,
  commentRefInput,
  editCommentInput,
  listCommentsInput,
} from "./tasks.schemas.ts";

const caller = (ctx: { user: { id: string } }) => ({ userId: ctx.user.id });

/** Comments on tasks, mounted as `comments`; the rules are in tasks.policy.ts. */
export const commentsRouter = {
  list: verifiedProcedure
    .input(listCommentsInput)
    .output(checked(commentPageOutput))
    .query(({ ctx, input }) => service.listComments(serviceDeps(ctx), caller(ctx), input)),
  add: verifiedProcedure
    .input(addCommentInput)
    .output(checked(commentOutput))
    .mutation(({ ctx, input }) => service.addComment(serviceDeps(ctx), caller(ctx), input)),
  edit: verifiedProcedure
    .input(editCommentInput)
    .output(checked(commentOutput))
    .mutation(({ ctx, input }) => service.editComment(serviceDeps(ctx), caller(ctx), input)),
  delete: verifiedProcedure
    .input(commentRefInput)
    .output(checked(deletedOutput))
    .mutation(({ ctx, input }) => service.deleteComment(serviceDeps(ctx), caller(ctx), input)),
} satisfies TRPCRouterRecord;
