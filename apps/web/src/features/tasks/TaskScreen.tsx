import { useQuery } from "@tanstack/react-query";
import { ErrorNotice } from "../../components/ErrorNotice.tsx";
import { formatDateTime } from "../../format.ts";
import { Link, useLocation } from "../../navigation.tsx";
import { hrefs, paths } from "../../paths.ts";
import { useTRPC } from "../../trpc.ts";
import { CommentsSection } from "./CommentsSection.tsx";
import { TaskStatusControl } from "./TaskStatusControl.tsx";
import { priorityLabels } from "./task-labels.ts";

/** One task (`?org=&id=`): its fields, a status control that answers at once, and its comments. */
export function TaskScreen() {
  const { search } = useLocation();
  const organizationId = search.get("org") ?? "";
  const taskId = search.get("id") ?? "";
  const trpc = useTRPC();
  const ready = organizationId !== "" && taskId !== "";
  const task = useQuery({ ...trpc.tasks.get.queryOptions({ organizationId, taskId }), enabled: ready });

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
  return (
    <>
      <section className="card" aria-labelledby="task-title">
        <Link to={hrefs.project(organizationId, t.projectId)}>Back to the project</Link>
        <h2 id="task-title">
          #{t.number} {t.title}
        </h2>
        {t.description ? <p className="task-description">{t.description}</p> : null}
        <TaskStatusControl organizationId={organizationId} task={t} />
        <p className="muted">
          Priority {priorityLabels[t.priority] ?? t.priority}
          {t.dueDate ? ` · due ${t.dueDate}` : ""} · updated {formatDateTime(t.updatedAt)}
        </p>
      </section>
      <CommentsSection organizationId={organizationId} taskId={t.id} />
    </>
  );
}
