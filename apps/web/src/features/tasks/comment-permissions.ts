import type { OrgRole, TaskComment } from "../../trpc.ts";
import { canAdminister } from "../organizations/roles.ts";

/**
 * Which of a comment's buttons to show, mirroring tasks.policy.ts: its author edits it (nobody puts words in
 * another's mouth, admins included); its author or an admin or owner deletes it. Only a hint for the layout: the
 * server decides each call, and a FORBIDDEN it answers is shown as a sentence.
 */
export function commentPermissions(
  comment: Pick<TaskComment, "authorId">,
  myId: string | undefined,
  myRole: OrgRole | undefined,
): { edit: boolean; delete: boolean } {
  const isAuthor = myId !== undefined && comment.authorId === myId;
  return { edit: isAuthor, delete: isAuthor || (myRole !== undefined && canAdminister(myRole)) };
}
