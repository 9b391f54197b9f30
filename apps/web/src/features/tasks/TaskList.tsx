import type { InfiniteData, UseInfiniteQueryResult } from "@tanstack/react-query";
import { useEffect, useRef } from "react";
import { ErrorNotice } from "../../components/ErrorNotice.tsx";
import { Link } from "../../navigation.tsx";
import { hrefs } from "../../paths.ts";
import type { ApiError, TaskItem } from "../../trpc.ts";
import { priorityLabels, statusLabels } from "./task-labels.ts";

interface TaskListProps {
  organizationId: string;
  projectKey: string;
  query: UseInfiniteQueryResult<InfiniteData<{ items: TaskItem[]; nextCursor: string | null }>, ApiError>;
  filtered: boolean;
}

/**
 * The loaded pages as one list. A sentinel under the last row asks for the next page when it scrolls into view;
 * the "Load more" button does the same for keyboards and for browsers where the observer never fires.
 */
export function TaskList({ organizationId, projectKey, query, filtered }: TaskListProps) {
  const sentinel = useRef<HTMLDivElement>(null);
  const { hasNextPage, isFetchingNextPage, fetchNextPage, error } = query;
  // After a failed page the observer would ask again at once, forever; the button is the way to retry then.
  const autoLoad = hasNextPage && !isFetchingNextPage && !error;

  useEffect(() => {
    const element = sentinel.current;
    if (!element || !autoLoad) return;
    const observer = new IntersectionObserver((entries) => {
      if (entries.some((entry) => entry.isIntersecting)) void fetchNextPage();
    });
    observer.observe(element);
    return () => observer.disconnect();
  }, [autoLoad, fetchNextPage]);

  if (query.isPending) return <p className="muted">Loading tasks…</p>;
  if (!query.data) return <ErrorNotice title="Could not load the tasks" error={query.error} />;

  const items = query.data.pages.flatMap((page) => page.items);
  return (
    <>
      {items.length === 0 ? (
        <p className="muted">
          {filtered ? "No tasks match these filters." : "No tasks yet. Create the first below."}
        </p>
      ) : (
        <ul className="users tasks" aria-label="Tasks">
          {items.map((task) => (
            <li key={task.id} data-testid="task-row">
              <Link to={hrefs.task(organizationId, task.id)} className="name">
                {projectKey}-{task.number} {task.title}
              </Link>
              <span className="badge">{statusLabels[task.status]}</span>
              <span className="muted">
                {priorityLabels[task.priority] ?? task.priority} · {task.assignee?.name ?? "unassigned"}
                {task.dueDate ? ` · due ${task.dueDate}` : ""}
                {task.commentCount > 0 ? ` · ${task.commentCount} comment(s)` : ""}
              </span>
            </li>
          ))}
        </ul>
      )}
      {query.data && error ? <ErrorNotice title="Could not load more tasks" error={error} /> : null}
      {/* One pixel tall: an element without size never intersects. */}
      <div ref={sentinel} data-testid="more-tasks" style={{ height: 1 }} />
      {hasNextPage ? (
        <button type="button" onClick={() => fetchNextPage()} disabled={isFetchingNextPage}>
          {isFetchingNextPage ? "Loading…" : "Load more"}
        </button>
      ) : items.length > 0 ? (
        <p className="muted">All {items.length} task(s) shown.</p>
      ) : null}
    </>
  );
}
