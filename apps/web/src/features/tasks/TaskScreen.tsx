import { useMutation, useQuery, useQueryClient } from "@tanstack/react-query";
import { useState } from "react";
import { ConfirmStep } from "../../components/ConfirmStep.tsx";
import { ErrorNotice } from "../../components/ErrorNotice.tsx";
import { formatDateTime } from "../../format.ts";
import { Link, navigate, useLocation } from "../../navigation.tsx";
import { hrefs, paths } from "../../paths.ts";
import { useMe } from "../../session.ts";
import { type OrgRole, type Task, useTRPC } from "../../trpc.ts";
import { canAdminister } from "../organizations/roles.ts";
import { useMembers } from "../organizations/use-members.ts";
import { CommentsSection } from "./CommentsSection.tsx";
import { MoveTaskControl } from "./MoveTaskControl.tsx";
import { TaskEditForm } from "./TaskEditForm.tsx";
import { TaskStatusControl } from "./TaskStatusControl.tsx";
import { priorityLabels } from "./task-labels.ts";

/**
 * One task (`?org=&id=`): its fields, a status control that answers at once, an edit form, a move to another
 * project, deletion (its creator, admins and owners), and its comments.
 */
export function TaskScreen() {
  const { search } = useLocation();
  const organizationId = search.get("org") ?? "";
  const taskId = search.get("id") ?? "";
  const trpc = useTRPC();
  const ready = organizationId !== "" && taskId !== "";
  const task = useQuery({ ...trpc.tasks.get.queryOptions({ organizationId, taskId }), enabled: ready });
  const organization = useQuery({
    ...trpc.organizations.byId.queryOptions({ organizationId }),
    enabled: ready,
  });
  const project = useQuery({
    ...trpc.projects.get.queryOptions({ organizationId, projectId: task.data?.projectId ?? "" }),
    enabled: task.isSuccess,
  });
  const members = useMembers(organizationId);
  const [editing, setEditing] = useState(false);

  if (!ready) return <p>This address names no task.</p>;
  if (task.isPending) return <p className="muted">Loading the task…</p>;
  if (task.error) {
    return (
      <section className="card">
        <ErrorNotice title="Could not open this task" error={task.error} />
        <Link to={paths.organizations}>Back to my organizations</Link>
      </section>
    );
  }
  const t = task.data;
  const assignee = t.assigneeId ? members.items.find((m) => m.userId === t.assigneeId) : undefined;
  const role = organization.data?.role;
  return (
    <>
      <section className="card" aria-labelledby="task-title">
        <Link to={hrefs.project(organizationId, t.projectId)}>
          Back to {project.data ? project.data.name : "the project"}
        </Link>
        <h2 id="task-title">
          {project.data ? `${project.data.key}-` : "#"}
          {t.number} {t.title}
        </h2>
        {editing ? (
          <TaskEditForm
            organizationId={organizationId}
            task={t}
            members={members.items}
            onDone={() => setEditing(false)}
          />
        ) : (
          <>
            {t.description ? <p className="task-description">{t.description}</p> : null}
            <TaskStatusControl organizationId={organizationId} task={t} />
            <dl className="facts">
              <dt>Priority</dt>
              <dd data-testid="task-priority">{priorityLabels[t.priority] ?? t.priority}</dd>
              <dt>Assignee</dt>
              <dd>{t.assigneeId ? (assignee?.name ?? "A member") : "Unassigned"}</dd>
              <dt>Due</dt>
              <dd>{t.dueDate ?? "No due date"}</dd>
              <dt>Updated</dt>
              <dd>{formatDateTime(t.updatedAt)}</dd>
            </dl>
            <p>
              <button type="button" onClick={() => setEditing(true)}>
                Edit task
              </button>
            </p>
          </>
        )}
      </section>
      <section className="card" aria-labelledby="task-actions-title">
        <h2 id="task-actions-title">Move or delete</h2>
        <MoveTaskControl organizationId={organizationId} task={t} />
        <DeleteTask organizationId={organizationId} task={t} role={role} />
      </section>
      <CommentsSection organizationId={organizationId} taskId={t.id} myRole={role} />
    </>
  );
}

interface DeleteTaskProps {
  organizationId: string;
  task: Task;
  role: OrgRole | undefined;
}

/** Offered to the task's creator and to admins and owners (tasks.policy.ts); the server checks again. */
function DeleteTask({ organizationId, task, role }: DeleteTaskProps) {
  const trpc = useTRPC();
  const queryClient = useQueryClient();
  const me = useMe();
  const remove = useMutation(
    trpc.tasks.delete.mutationOptions({
      onSuccess: async () => {
        navigate(hrefs.project(organizationId, task.projectId));
        queryClient.removeQueries(trpc.tasks.get.queryFilter({ organizationId, taskId: task.id }));
        await queryClient.invalidateQueries(trpc.tasks.list.infiniteQueryFilter());
      },
    }),
  );
  const mayDelete = (role !== undefined && canAdminister(role)) || me.data?.id === task.createdBy;
  if (!mayDelete) return null;
  return (
    <div className="settings-group">
      <ConfirmStep
        action="Delete task"
        question="Delete this task and its comments for everyone? This cannot be undone."
        confirmLabel="Delete the task"
        pendingLabel="Deleting…"
        pending={remove.isPending}
        onConfirm={() => remove.mutate({ organizationId, taskId: task.id })}
        error={remove.error ? <ErrorNotice title="The task was not deleted" error={remove.error} /> : null}
      />
    </div>
  );
}
