import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import type { FormEvent } from "react";
import { ErrorNotice } from "../../components/ErrorNotice.tsx";
import { FormError } from "../../components/FormError.tsx";
import { fieldErrorsOf, readForm } from "../../form-errors.ts";
import { useMe } from "../../session.ts";
import { type OrgRole, useTRPC } from "../../trpc.ts";
import { CommentItem } from "./CommentItem.tsx";

const fields = ["body"] as const;

interface CommentsSectionProps {
  organizationId: string;
  taskId: string;
  /** The caller's role, once known: admins and owners may delete others' comments (moderation). */
  myRole: OrgRole | undefined;
}

export function CommentsSection({ organizationId, taskId, myRole }: CommentsSectionProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useMe();
  const comments = useInfiniteQuery(
    trpc.comments.list.infiniteQueryOptions(
      { organizationId, taskId, limit: 50 },
      { getNextPageParam: (page) => page.nextCursor },
    ),
  );
  const add = useMutation(
    trpc.comments.add.mutationOptions({
      onSuccess: () =>
        Promise.all([
          queryClient.invalidateQueries(trpc.comments.list.infiniteQueryFilter({ organizationId, taskId })),
          // The list shows a comment count per task.
          queryClient.invalidateQueries(trpc.tasks.list.infiniteQueryFilter()),
        ]),
    }),
  );
  const errors = fieldErrorsOf(add.error, fields);
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    const form = event.currentTarget;
    add.mutate({ organizationId, taskId, ...readForm(form, fields) }, { onSuccess: () => form.reset() });
  };
  const items = comments.data?.pages.flatMap((page) => page.items) ?? [];

  return (
    <section className="card" aria-labelledby="comments-title">
      <h2 id="comments-title">Comments</h2>
      {comments.isPending ? (
        <p className="muted">Loading comments…</p>
      ) : !comments.data ? (
        <ErrorNotice title="Could not load the comments" error={comments.error} />
      ) : items.length === 0 ? (
        <p className="muted">No comments yet.</p>
      ) : (
        <ul className="comments">
          {items.map((comment) => (
            <CommentItem
              key={comment.id}
              organizationId={organizationId}
              comment={comment}
              myId={me.data?.id}
              myRole={myRole}
            />
          ))}
        </ul>
      )}
      {comments.data && comments.error ? (
        <ErrorNotice title="Could not load more comments" error={comments.error} />
      ) : null}
      {comments.hasNextPage ? (
        <button type="button" onClick={() => comments.fetchNextPage()} disabled={comments.isFetchingNextPage}>
          More comments
        </button>
      ) : null}
      <form onSubmit={submit} aria-label="Add a comment">
        <div className={errors.body ? "field invalid" : "field"}>
          <label htmlFor="comment-body">Comment</label>
          <textarea
            id="comment-body"
            name="body"
            rows={3}
            required
            aria-invalid={errors.body ? true : undefined}
          />
          {errors.body ? <p className="field-error">{errors.body}</p> : null}
        </div>
        <FormError title="Could not add the comment" error={add.error} fields={fields} />
        <button type="submit" disabled={add.isPending}>
          {add.isPending ? "Adding…" : "Add comment"}
        </button>
      </form>
    </section>
  );
}
