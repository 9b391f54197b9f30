import { useInfiniteQuery, useMutation, useQueryClient } from "@tanstack/react-query";
import { type FormEvent, useState } from "react";
import { ErrorNotice } from "../../components/ErrorNotice.tsx";
import { hasAppCode } from "../../lib/error-messages.ts";
import { type Task, useTRPC } from "../../trpc.ts";

/**
 * Moves the task to another project of the organization, where it takes that project's next number. Archived
 * projects are not offered: work is not moved into a finished project. The move carries the version the screen
 * read, so a stale one is refused (STALE_WRITE) and the task reloaded.
 */
export function MoveTaskControl({ organizationId, task }: { organizationId: string; task: Task }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const taskKey = trpc.tasks.get.queryKey({ organizationId, taskId: task.id });
  const projects = useInfiniteQuery(
    trpc.projects.list.infiniteQueryOptions(
      { organizationId, limit: 100 },
      { getNextPageParam: (page) => page.nextCursor },
    ),
  );
  const [target, setTarget] = useState("");
  const move = useMutation(
    trpc.tasks.move.mutationOptions({
      onSuccess: (moved) => {
        queryClient.setQueryData(taskKey, moved);
        setTarget("");
      },
      onError: (error) => {
        if (hasAppCode(error, "STALE_WRITE")) return queryClient.invalidateQueries({ queryKey: taskKey });
      },
      onSettled: () => queryClient.invalidateQueries(trpc.tasks.list.infiniteQueryFilter()),
    }),
  );
  const others = (projects.data?.pages.flatMap((page) => page.items) ?? []).filter(
    (project) => project.id !== task.projectId,
  );
  const submit = (event: FormEvent<HTMLFormElement>) => {
    event.preventDefault();
    if (!target) return;
    move.mutate({ organizationId, taskId: task.id, toProjectId: target, version: task.version });
  };

  if (projects.isPending) return <p className="muted">Loading projects…</p>;
  if (!projects.data) return <ErrorNotice title="Could not load the projects" error={projects.error} />;
  if (others.length === 0) return <p className="muted">There is no other active project to move it to.</p>;
  return (
    <form onSubmit={submit} aria-label="Move the task" className="filters">
      <label>
        Move to project{" "}
        <select value={target} onChange={(event) => setTarget(event.target.value)}>
          <option value="">Choose a project…</option>
          {others.map((project) => (
            <option key={project.id} value={project.id}>
              {project.name} ({project.key})
            </option>
          ))}
        </select>
      </label>
      <button type="submit" disabled={!target || move.isPending}>
        {move.isPending ? "Moving…" : "Move"}
      </button>
      {move.error ? <ErrorNotice title="The task was not moved" error={move.error} /> : null}
      {move.isSuccess ? (
        <p className="success" role="status">
          Moved. It is now number {move.data.number} of its new project.
        </p>
      ) : null}
    </form>
  );
}
