import { useMutation, useQueryClient } from "@tanstack/react-query";
import { ErrorNotice } from "../../components/ErrorNotice.tsx";
import { type Task, type TaskStatus, useTRPC } from "../../trpc.ts";
import { statusLabels, taskStatuses } from "./task-labels.ts";

/**
 * Changing the status shows the new one at once (an optimistic write to the cached task). The update carries the
 * version the page read: if someone changed the task meanwhile the server answers STALE_WRITE, and the cached task
 * goes back to what it was, then is refetched, with the message saying so.
 */
export function TaskStatusControl({ organizationId, task }: { organizationId: string; task: Task }) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const taskKey = trpc.tasks.get.queryKey({ organizationId, taskId: task.id });
  const update = useMutation(
    trpc.tasks.update.mutationOptions({
      onMutate: async ({ status }) => {
        await queryClient.cancelQueries({ queryKey: taskKey });
        const before = queryClient.getQueryData(taskKey);
        if (before && status) queryClient.setQueryData(taskKey, { ...before, status });
        return { before };
      },
      onError: (_error, _input, context) => {
        if (context?.before) queryClient.setQueryData(taskKey, context.before);
      },
      onSettled: () =>
        Promise.all([
          queryClient.invalidateQueries({ queryKey: taskKey }),
          queryClient.invalidateQueries(trpc.tasks.list.infiniteQueryFilter()),
        ]),
    }),
  );

  return (
    <div className="field">
      <label htmlFor="task-status">Status</label>
      <select
        id="task-status"
        value={task.status}
        disabled={update.isPending}
        onChange={(event) =>
          update.mutate({
            organizationId,
            taskId: task.id,
            version: task.version,
            status: event.target.value as TaskStatus,
          })
        }
      >
        {taskStatuses.map((status) => (
          <option key={status} value={status}>
            {statusLabels[status]}
          </option>
        ))}
      </select>
      {update.error ? <ErrorNotice title="The status was not changed" error={update.error} /> : null}
    </div>
  );
}
