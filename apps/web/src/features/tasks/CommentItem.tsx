import { useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { ConfirmStep } from "../../components/ConfirmStep.tsx";
import { ErrorNotice } from "../../components/ErrorNotice.tsx";
import { FormError } from "../../components/FormError.tsx";
import { fieldErrorsOf, readForm } from "../../form-errors.ts";
import { formatDateTime } from "../../format.ts";
import type { OrgRole, TaskComment } from "../../trpc.ts";
import { useTRPC } from "../../trpc.ts";
import { commentPermissions } from "./comment-permissions.ts";

const fields = ["body"] as const;

interface CommentItemProps {
  organizationId: string;
  comment: TaskComment;
  myId: string | undefined;
  myRole: OrgRole | undefined;
}

/**
 * One comment, with Edit for its author and Delete for its author or an admin (tasks.policy.ts). Only the buttons
 * the caller may use are shown; if the server disagrees (a role changed meanwhile) its FORBIDDEN is a sentence here.
 */
export function CommentItem({ organizationId, comment, myId, myRole }: CommentItemProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const [editing, setEditing] = useState(false);
  const refresh = () =>
    Promise.all([
      queryClient.invalidateQueries(
        trpc.comments.list.infiniteQueryFilter({ organizationId, taskId: comment.taskId }),
      ),
      // The task list shows a comment count per task.
      queryClient.invalidateQueries(trpc.tasks.list.infiniteQueryFilter()),
    ]);
  const edit = useMutation(
    trpc.comments.edit.mutationOptions({
      onSuccess: async () => {
        await refresh();
        setEditing(false);
      },
    }),
  );
  const remove = useMutation(trpc.comments.delete.mutationOptions({ onSuccess: refresh }));
  const may = commentPermissions(comment, myId, myRole);
  const errors = fieldErrorsOf(edit.error, fields);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    edit.mutate({ organizationId, commentId: comment.id, ...readForm(event.currentTarget, fields) });
  };
  const edited = comment.updatedAt.getTime() > comment.createdAt.getTime();

  return (
    <li data-testid="comment">
      <p>
        <strong>{comment.authorName ?? "A former member"}</strong>{" "}
        <time className="muted" dateTime={comment.createdAt.toISOString()}>
          {formatDateTime(comment.createdAt)}
        </time>
        {edited ? <span className="muted"> (edited)</span> : null}
      </p>
      {editing ? (
        <form onSubmit={submit} aria-label="Edit the comment">
          <div className={errors.body ? "field invalid" : "field"}>
            <label htmlFor={`comment-edit-${comment.id}`}>Edit comment</label>
            <textarea
              id={`comment-edit-${comment.id}`}
              name="body"
              rows={3}
              required
              defaultValue={comment.body}
              aria-invalid={errors.body ? true : undefined}
            />
            {errors.body ? <p className="field-error">{errors.body}</p> : null}
          </div>
          <FormError title="The comment was not saved" error={edit.error} fields={fields} />
          <div className="actions">
            <button type="submit" className="primary" disabled={edit.isPending}>
              {edit.isPending ? "Saving…" : "Save comment"}
            </button>
            <button type="button" onClick={() => setEditing(false)} disabled={edit.isPending}>
              Cancel
            </button>
          </div>
        </form>
      ) : (
        <>
          <p className="comment-body">{comment.body}</p>
          <div className="comment-actions">
            {may.edit ? (
              <button type="button" onClick={() => setEditing(true)}>
                Edit
              </button>
            ) : null}
            {may.delete ? (
              <ConfirmStep
                action="Delete"
                question="Delete this comment for everyone?"
                confirmLabel="Delete the comment"
                pendingLabel="Deleting…"
                pending={remove.isPending}
                onConfirm={() => remove.mutate({ organizationId, commentId: comment.id })}
                error={
                  remove.error ? (
                    <ErrorNotice title="The comment was not deleted" error={remove.error} />
                  ) : null
                }
              />
            ) : null}
          </div>
        </>
      )}
    </li>
  );
}
