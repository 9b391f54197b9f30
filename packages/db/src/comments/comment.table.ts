import type { ColumnType, Generated, Insertable, Selectable } from "kysely";

/** `comments` on a task; `author_id` becomes null when the author's account is deleted, the comment stays. */
export interface CommentTable {
  id: Generated<string>;
  organization_id: string;
  task_id: string;
  author_id: string | null;
  body: string;
  created_at: ColumnType<Date, Date | undefined, never>;
  updated_at: ColumnType<Date, never, never>;
}

export type Comment = Selectable<CommentTable>;
export type NewComment = Insertable<CommentTable>;
