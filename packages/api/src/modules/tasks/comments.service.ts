import {
  type Comment,
  type CommentWithAuthor,
  comments,
  type DB,
  decodeCursor,
  type Page,
  tasks,
} from "@plinth/db";
import type { Transaction } from "kysely";
import { byActor, recordActivity, type ServiceDeps } from "../../core/activity.ts";
import { AppError } from "../../core/errors.ts";
import { notFound, type OrgActor, resolveOrgActor } from "../../core/tenancy.ts";
import { type Caller, invalidCursor } from "../projects/index.ts";
import { canOnComment } from "./tasks.policy.ts";
import type {
  AddCommentInput,
  CommentRefInput,
  CommentView,
  EditCommentInput,
  ListCommentsInput,
} from "./tasks.schemas.ts";

const toCommentView = (c: Comment, authorName: string | null): CommentView => ({
  id: c.id,
  taskId: c.task_id,
  authorId: c.author_id,
  authorName,
  body: c.body,
  createdAt: c.created_at,
  updatedAt: c.updated_at,
});

export async function addComment(
  deps: ServiceDeps,
  caller: Caller,
  input: AddCommentInput,
): Promise<CommentView> {
  const actor = await resolveOrgActor(deps.db, caller.userId, input.organizationId);
  return deps.db.transaction().execute(async (trx) => {
    const task = await tasks.findTask(trx, { orgId: actor.organizationId, taskId: input.taskId });
    if (!task) throw notFound("task");
    const comment = await comments.addComment(trx, {
      orgId: actor.organizationId,
      taskId: task.id,
      authorId: actor.userId,
      body: input.body,
    });
    await recordActivity(deps, trx, {
      ...byActor(actor),
      event: "comment_added",
      entityType: "comment",
      entityId: comment.id,
      changes: { after: { taskId: task.id, body: comment.body } },
    });
    return toCommentView(comment, null);
  });
}

/** Reads the comment in the transaction and asks the policy; a comment of another organization is NOT_FOUND. */
async function withComment<T>(
  deps: ServiceDeps,
  actor: OrgActor,
  commentId: string,
  action: "edit" | "delete",
  fn: (trx: Transaction<DB>, comment: Comment) => Promise<T>,
): Promise<T> {
  return deps.db.transaction().execute(async (trx) => {
    const comment = await comments.findComment(trx, { orgId: actor.organizationId, commentId });
    if (!comment) throw notFound("comment");
    if (!canOnComment(actor, action, comment)) {
      const message =
        action === "edit"
          ? "Only its author may edit a comment"
          : "Only its author or an admin may delete a comment";
      throw new AppError("FORBIDDEN", message);
    }
    return fn(trx, comment);
  });
}

export async function editComment(
  deps: ServiceDeps,
  caller: Caller,
  input: EditCommentInput,
): Promise<CommentView> {
  const actor = await resolveOrgActor(deps.db, caller.userId, input.organizationId);
  return withComment(deps, actor, input.commentId, "edit", async (trx, before) => {
    const after = await comments.editComment(trx, {
      orgId: actor.organizationId,
      commentId: before.id,
      body: input.body,
    });
    if (!after) throw notFound("comment");
    await recordActivity(deps, trx, {
      ...byActor(actor),
      event: "comment_edited",
      entityType: "comment",
      entityId: before.id,
      changes: { before: { body: before.body }, after: { body: after.body } },
    });
    return toCommentView(after, null);
  });
}

export async function deleteComment(deps: ServiceDeps, caller: Caller, input: CommentRefInput) {
  const actor = await resolveOrgActor(deps.db, caller.userId, input.organizationId);
  await withComment(deps, actor, input.commentId, "delete", async (trx, before) => {
    await comments.deleteComment(trx, { orgId: actor.organizationId, commentId: before.id });
    await recordActivity(deps, trx, {
      ...byActor(actor),
      event: "comment_deleted",
      entityType: "comment",
      entityId: before.id,
      changes: { before: { taskId: before.task_id, authorId: before.author_id, body: before.body } },
    });
  });
  return { deleted: true as const };
}

/** A task's comments, oldest first, with their authors' names (one statement for the page). */
export async function listComments(
  deps: ServiceDeps,
  caller: Caller,
  input: ListCommentsInput,
): Promise<Page<CommentView>> {
  const after = input.cursor ? decodeCursor(input.cursor) : undefined;
  if (after === null) throw invalidCursor();
  const actor = await resolveOrgActor(deps.db, caller.userId, input.organizationId);
  const orgId = actor.organizationId;
  if (!(await tasks.findTask(deps.db, { orgId, taskId: input.taskId }))) throw notFound("task");
  const page = await comments.listComments(deps.db, {
    orgId,
    taskId: input.taskId,
    limit: input.limit,
    after,
  });
  return {
    items: page.items.map((c: CommentWithAuthor) => toCommentView(c, c.author_name)),
    nextCursor: page.nextCursor,
  };
}
