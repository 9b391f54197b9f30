import { atLeast, type OrgActor } from "../../core/tenancy.ts";

/**
 * Who may do what to tasks and comments, in one place:
 * - every member reads, creates, updates and moves tasks, and comments: the work is shared;
 * - a task is deleted by its creator or an admin/owner (deleting loses its comments for everyone);
 * - a comment is edited by its author only (no one puts words in another's mouth, admins included), and deleted
 *   by its author or an admin/owner (moderation).
 * Non-members never reach this: `resolveOrgActor` answered NOT_FOUND before.
 */
export type TaskAction = "read" | "create" | "update" | "move" | "delete";
export type CommentAction = "add" | "edit" | "delete";

export function canOnTask(
  actor: OrgActor,
  action: TaskAction,
  task?: { created_by: string | null },
): boolean {
  if (action !== "delete") return true;
  return atLeast(actor.role, "admin") || (task !== undefined && task.created_by === actor.userId);
}

export function canOnComment(
  actor: OrgActor,
  action: CommentAction,
  comment?: { author_id: string | null },
): boolean {
  const isAuthor = comment !== undefined && comment.author_id === actor.userId;
  switch (action) {
    case "add":
      return true;
    case "edit":
      return isAuthor;
    case "delete":
      return isAuthor || atLeast(actor.role, "admin");
  }
}
