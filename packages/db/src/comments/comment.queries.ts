import type { Executor } from "../executor.ts";
import { type KeysetCursor, type Page, toPage } from "../pagination.ts";
import type { Comment } from "./comment.table.ts";

/** A task outside `orgId` is a foreign-key violation (23503): the pair (organization, task) must exist. */
export async function addComment(
  db: Executor,
  input: { orgId: string; taskId: string; authorId: string; body: string },
): Promise<Comment> {
  return db
    .insertInto("comments")
    .values({
      organization_id: input.orgId,
      task_id: input.taskId,
      author_id: input.authorId,
      body: input.body,
    })
    .returningAll()
    .executeTakeFirstOrThrow();
}

export async function findComment(
  db: Executor,
  input: { orgId: string; commentId: string },
): Promise<Comment | undefined> {
  return db
    .selectFrom("comments")
    .selectAll()
    .where("organization_id", "=", input.orgId)
    .where("id", "=", input.commentId)
    .executeTakeFirst();
}

export async function editComment(
  db: Executor,
  input: { orgId: string; commentId: string; body: string },
): Promise<Comment | undefined> {
  return db
    .updateTable("comments")
    .set({ body: input.body })
    .where("organization_id", "=", input.orgId)
    .where("id", "=", input.commentId)
    .returningAll()
    .executeTakeFirst();
}

export async function deleteComment(
  db: Executor,
  input: { orgId: string; commentId: string },
): Promise<boolean> {
  const result = await db
    .deleteFrom("comments")
    .where("organization_id", "=", input.orgId)
    .where("id", "=", input.commentId)
    .executeTakeFirst();
  return result.numDeletedRows > 0n;
}

export interface CommentWithAuthor extends Comment {
  author_name: string | null;
}

/** A task's comments, oldest first, by keyset over `comments_task_created_idx`, with each author's name. */
export async function listComments(
  db: Executor,
  opts: { orgId: string; taskId: string; limit: number; after?: KeysetCursor | undefined },
): Promise<Page<CommentWithAuthor>> {
  let query = db
    .selectFrom("comments")
    .leftJoin("users", "users.id", "comments.author_id")
    .selectAll("comments")
    .select("users.name as author_name")
    .where("comments.organization_id", "=", opts.orgId)
    .where("comments.task_id", "=", opts.taskId);
  const after = opts.after;
  if (after) {
    query = query.where((eb) =>
      eb(eb.refTuple("comments.created_at", "comments.id"), ">", eb.tuple(after.createdAt, after.id)),
    );
  }
  const rows = await query
    .orderBy("comments.created_at")
    .orderBy("comments.id")
    .limit(opts.limit + 1)
    .execute();
  return toPage(rows, opts.limit, (r) => r);
}
